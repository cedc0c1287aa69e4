using ProcessStudio.Web.Api;
using ProcessStudio.Web.Hosting;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Ui;

var builder = WebApplication.CreateBuilder(args);

builder.AddProcessStudioHosting();   // Serilog, options, engine + store composition, hosted services
builder.Services.AddProcessStudioApi();
builder.Services.AddProcessStudioUi();
builder.Services.AddProcessStudioSecurity();

var app = builder.Build();

await app.InitializeProcessStudioAsync(app.Lifetime.ApplicationStopping);   // schema upgrade, seed samples, recover runs
await app.SeedInitialAdminAsync(app.Lifetime.ApplicationStopping);          // only when configured and no user exists
app.UseProcessStudioSecurity();                                             // headers, authentication, authorization, first-run setup
app.MapProcessStudioApi();
app.MapProcessStudioUi();

await app.RunAsync();

/// <summary>Entry point marker for WebApplicationFactory in tests.</summary>
public partial class Program;
