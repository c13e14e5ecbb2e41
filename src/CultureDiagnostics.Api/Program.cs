using CultureDiagnostics.Api.Deliver;
using CultureDiagnostics.Api.Accounts;
using CultureDiagnostics.Api.Campaigns;
using CultureDiagnostics.Api.Comments;
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

builder.AddServiceDefaults();
builder.AddPlatform();
builder.AddSurveyPages();
builder.AddRequestLimits();
builder.AddWorkspace();
builder.Services.AddSingleton<DemoData>();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseErrorPages();
app.UseResponseCompression();
app.UseAuthentication();
app.UseAuthorization();
app.UseRequestLimits();
app.UseWorkspace();

app.MapHealthEndpoints();
app.MapPlatformAssets();
app.MapOpenApi();

// Every feature's endpoints: never cached (they carry results or something about respondents), and upload
// endpoints among them may take the files they promise.
var features = app.MapGroup("").WithNoStore().WithUploadLimits();
features.MapAccounts();
features.MapStructure();
features.MapCampaigns();
features.MapInstruments();
features.MapSurvey();
features.MapResponses();
features.MapResults();
features.MapPublication();
features.MapCommentReview();
features.MapBreakdowns();
features.MapSynthesisWorkbook();
features.MapSurveyPages();
features.MapPosters();
features.MapDiagnostics();
features.MapConclusions();
features.MapActions();
features.MapWorkspace();
features.MapDashboard();

await app.InitialisePlatformAsync();
await app.RunAsync();

// Visible to the integration tests' WebApplicationFactory<Program>.
public partial class Program;
