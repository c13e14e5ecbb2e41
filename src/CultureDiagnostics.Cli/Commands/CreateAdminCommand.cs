using System.CommandLine;
using CultureDiagnostics.Application;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CultureDiagnostics.Cli.Commands;

/// <summary>
/// culture create-admin --db PATH --email ADDRESS --name NAME: creates an administrator account. The
/// password is read from standard input (never from the command line, where other users could see it).
/// </summary>
public static class CreateAdminCommand
{
    public static Command Create(TextReader? input = null)
    {
        var db = new Option<string>("--db") { Description = "Path of the platform's SQLite database (created if missing).", Required = true };
        var email = new Option<string>("--email") { Description = "The administrator's e-mail address, used to sign in.", Required = true };
        var name = new Option<string>("--name") { Description = "The name shown in the workspace.", Required = true };
        var role = new Option<string>("--role") { Description = "administrator (default), analyst or board.", DefaultValueFactory = _ => Roles.Administrator };
        var command = new Command("create-admin", "Create an account (the first administrator, typically). Reads the password from standard input.")
        {
            db, email, name, role,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var reader = input ?? Console.In;
            if (input is null && !Console.IsInputRedirected)
            {
                await output.WriteAsync("Password: ");
            }

            var password = (await reader.ReadLineAsync(cancellationToken))?.TrimEnd('\r') ?? "";
            var errors = Validate(parseResult.GetValue(email)!, parseResult.GetValue(name)!, password, parseResult.GetValue(role)!);
            if (errors.Count > 0)
            {
                foreach (var problem in errors)
                {
                    await error.WriteLineAsync(problem);
                }

                return 2;
            }

            await using var services = CliServices.Build(parseResult.GetValue(db)!, surveysDirectory: null, DatabaseAccess.ReadWrite, TimeProvider.System);
            Database database;
            try
            {
                // The database is created if missing and brought up to date, as the platform does when it starts.
                database = services.GetRequiredService<Database>();
                database.Migrate();
            }
            catch (OptionsValidationException e)
            {
                await error.WriteLineAsync(string.Join(Environment.NewLine, CliServices.InOptionWords(e)));
                return 2;
            }

            var account = await services.GetRequiredService<AccountStore>().CreateAsync(
                parseResult.GetValue(email)!, parseResult.GetValue(name)!, password, parseResult.GetValue(role)!, cancellationToken);
            if (account is null)
            {
                await error.WriteLineAsync($"An account with the e-mail address '{parseResult.GetValue(email)}' already exists.");
                return 1;
            }

            await output.WriteLineAsync($"Created {account.Role} account {account.Email} in {database.Path}.");
            return 0;
        });
        return command;
    }

    // Problems are reported against the command's own option names.
    private static List<string> Validate(string email, string name, string password, string role) =>
        [
            .. AccountRules.Validate(email, name, password, role).SelectMany(e => e.Value.Select(message => $"{OptionName(e.Key)}: {message}")),
            .. role == Roles.UnitLead
                ? ["--role: a unit lead needs their unit: add them on the workspace's Accounts page (or with POST /api/users and a unit)."]
                : Array.Empty<string>(),
        ];

    private static string OptionName(string field) => field switch
    {
        "displayName" => "--name",
        "password" => "password (standard input)",
        _ => "--" + field,
    };
}
