using CultureDiagnostics.Api.Accounts;
using CultureDiagnostics.Api.Campaigns;
using CultureDiagnostics.Api.Dashboard;
using CultureDiagnostics.Api.Demo;
using CultureDiagnostics.Api.Diagnostics;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Api.Instruments;
using CultureDiagnostics.Api.Organisation;
using CultureDiagnostics.Api.Responses;
using CultureDiagnostics.Api.Results;
using CultureDiagnostics.Api.Survey;
using CultureDiagnostics.Api.Workspace;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatform();
builder.AddSurveyPages();
builder.AddRequestLimits();
builder.AddWorkspace();
builder.Services.AddSingleton<DemoData>();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSurveyAssets();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseWorkspace();

app.MapOpenApi();
app.MapAccounts();
app.MapStructure();
app.MapCampaigns();
app.MapInstruments();
app.MapSurvey();
app.MapResponses();
app.MapResults();
app.MapPublication();
app.MapBreakdowns();
app.MapSynthesisWorkbook();
app.MapSurveyPages();
app.MapPosters();
app.MapDiagnostics();
app.MapConclusions();
app.MapWorkspace();
app.MapDashboard();

await app.InitialisePlatformAsync();
await app.RunAsync();

// Visible to the integration tests' WebApplicationFactory<Program>.
public partial class Program;
