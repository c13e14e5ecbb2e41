using CultureDiagnostics.Application.Invitations;
using CultureDiagnostics.Data.Invitations;

// In the container's own namespace, as AddXxx extensions are, so that one line registers them wherever services are set up.
namespace Microsoft.Extensions.DependencyInjection;

public static class InvitationServices
{
    /// <summary>E-mailed invitations as use cases (importing a list, queuing reminders), for every host.</summary>
    public static IServiceCollection AddInvitations(this IServiceCollection services)
    {
        services.AddSingleton<InvitationListStore>();
        services.AddSingleton<InvitationOutboxStore>();
        services.AddSingleton<InvitationOutboxSignal>();
        services.AddSingleton<InvitationService>();
        return services;
    }

    /// <summary>
    /// The sender that works through the outbox, for the web host only (it needs <see cref="IRespondentLinks"/>, the
    /// host's public address); with no mail server configured it only deletes the lists of campaigns that ended.
    /// </summary>
    public static IServiceCollection AddInvitationSender(this IServiceCollection services)
    {
        services.AddSingleton<InvitationSender>();
        services.AddHostedService(provider => provider.GetRequiredService<InvitationSender>());
        return services;
    }
}
