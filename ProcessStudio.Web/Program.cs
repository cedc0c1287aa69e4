using ProcessStudio.Web.Api;
using ProcessStudio.Web.Hooks;
using ProcessStudio.Web.Hosting;
using ProcessStudio.Web.Hubs;
using ProcessStudio.Web.Operations;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Ui;

var builder = WebApplication.CreateBuilder(args);

builder.AddProcessStudioHosting();   // Serilog, options, engine + store composition, hosted services
builder.Services.AddProcessStudioApi();
builder.Services.AddProcessStudioUi();
builder.Services.AddProcessStudioSecurity();
builder.Services.AddProcessStudioHooks();   // after the store: wraps it to keep webhook paths unique
builder.Services.AddProcessStudioHub();
builder.Services.AddProcessStudioOperations();
builder.Services.AddProcessStudioTelemetry(builder.Configuration);   // OpenTelemetry over OTLP, only when an endpoint is set

await using var app = builder.Build();

await app.PrepareProcessStudioAsync(app.Lifetime.ApplicationStopping);      // schema upgrade, seed samples
await app.SeedInitialAdminAsync(app.Lifetime.ApplicationStopping);          // only when configured and no user exists
app.UseRequestLogging();                                                    // one Serilog line per request, with its user
app.UseProcessStudioSecurity();                                             // headers, authentication, authorization, first-run setup
app.UseRateLimiter();
app.MapProcessStudioApi();
app.MapProcessStudioHooks();
app.MapProcessStudioHub();
app.MapProcessStudioOperations();
app.MapProcessStudioUi();

await app.StartAsync();                                                     // binds the port: a taken port fails here, before any run
await app.StartEngineAsync(app.Lifetime.ApplicationStopping);               // recover interrupted runs, then start workers and timers
await app.WaitForShutdownAsync();

/// <summary>Entry point marker for WebApplicationFactory in tests.</summary>
public partial class Program;
