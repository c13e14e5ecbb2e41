using System.Text.Json.Serialization;
using CultureDiagnostics.Api.Campaigns;
using CultureDiagnostics.Application;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Responses;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace CultureDiagnostics.Api.Infrastructure;

public static class PlatformServices
{
    /// <summary>
    /// The platform as the command line has it too (<see cref="CultureDiagnosticsServices.AddCultureDiagnostics"/>:
    /// checked settings, database, stores, instruments, use cases), then what only the web host needs: its own
    /// settings, the one writer of responses, the key ring, JSON, problem details, OpenAPI and sign-in.
    /// </summary>
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddCultureDiagnostics(builder.Configuration, contentRoot);
        builder.Services.AddOptions<PlatformOptions>().Bind(builder.Configuration.GetSection(PlatformOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PlatformOptions>, PlatformOptionsValidator>();

        builder.Services.AddSingleton<LogCheckpointer>();
        builder.Services.AddSingleton<ResponseWriter>();
        // The response writer's loop runs as a hosted service, stopped after the server has finished its requests.
        builder.Services.AddHostedService(services => services.GetRequiredService<ResponseWriter>());
        builder.Services.AddHostedService<LogCheckpoints>();
        builder.Services.AddSingleton<CultureDiagnostics.Application.Responses.ResponseIntake>();
        builder.Services.AddSingleton<CampaignLinks>();
        // E-mailed invitations carry links to the public address, which only the web host knows.
        builder.Services.AddSingleton<CultureDiagnostics.Application.Invitations.IRespondentLinks>(services => services.GetRequiredService<CampaignLinks>());
        builder.Services.AddInvitationSender();

        builder.AddKeyRing(contentRoot);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            // Escapes < > & and quotes (ASP.NET Core's default leaves them raw) but not the letters of any language.
            json.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        });
        builder.Services.AddPlatformProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddPlatformAuth(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The data-protection keys that seal sign-in cookies and survey progress: in files beside a SQLite
    /// database, or in a shared PostgreSQL database so that every instance holds the same keys. Chosen when
    /// the keys are first needed, from the checked settings.
    /// </summary>
    private static void AddKeyRing(this WebApplicationBuilder builder, string contentRoot)
    {
        builder.Services.AddDataProtection().SetApplicationName("CultureDiagnostics");
        builder.Services.AddSingleton<DataProtectionKeyStore>();
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services => new ConfigureOptions<KeyManagementOptions>(keys =>
            keys.XmlRepository = services.GetRequiredService<Database>().Provider == DatabaseProvider.Postgres
                ? new DatabaseKeyRepository(services.GetRequiredService<DataProtectionKeyStore>())
                : new FileSystemXmlRepository(
                    new DirectoryInfo(Path.Combine(services.GetRequiredService<IOptions<PlatformOptions>>().Value.ResolveDataDirectory(contentRoot), "keys")),
                    services.GetRequiredService<ILoggerFactory>())));
    }
}
