using CultureDiagnostics.Application.Comments;

// In the container's own namespace, as AddXxx extensions are, so that one line registers them wherever services are set up.
namespace Microsoft.Extensions.DependencyInjection;

public static class CommentReviewUseCases
{
    /// <summary>The review of comments before they are published. It stands on the stores, the cached analyses and a <see cref="TimeProvider"/>.</summary>
    public static IServiceCollection AddCommentReview(this IServiceCollection services) => services.AddSingleton<CommentReviewService>();
}
