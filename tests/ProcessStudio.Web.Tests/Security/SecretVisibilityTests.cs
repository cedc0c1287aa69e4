using System.Net;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Tests.Hooks;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Security;

/// <summary>A webhook's shared secret is for those who may edit the workflow; readers see that one is set, not what it is.</summary>
public sealed class SecretVisibilityTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Secret = "s3cret-only-editors-see";

    private async Task<Guid> CreateSignedHookAsync() =>
        await app.Api.CreateWorkflowAsync(HookFixture.Flow("Signed hook", new
        {
            path = $"secret-visibility-{Guid.NewGuid():N}",
            authentication = "header-token",
            headerName = "X-Hook-Token",
            secret = Secret,
        }, HookFixture.Log()));

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Operator)]
    public async Task Readers_get_the_workflow_its_versions_and_its_export_with_the_secret_hidden(string role)
    {
        var id = await CreateSignedHookAsync();
        var (reader, _) = await app.Factory.ClientWithKeyAsync(app.Api, role, $"{role}-reads-secrets");

        foreach (var url in new[] { $"/api/v1/workflows/{id}", $"/api/v1/workflows/{id}/versions/1", $"/api/v1/workflows/{id}/export" })
        {
            var response = (await reader.GetAsync(url)).ShouldHave(HttpStatusCode.OK);
            response.Body.Should().NotContain(Secret, $"{url} is read by a {role}");
            response.Body.Should().Contain(SecretSettings.Hidden, "readers still see that the hook is protected");
        }
    }

    [Fact]
    public async Task Editors_see_and_keep_the_secret()
    {
        var id = await CreateSignedHookAsync();
        var (editor, _) = await app.Factory.ClientWithKeyAsync(app.Api, Roles.Editor, "editor-reads-secrets");

        (await editor.GetAsync($"/api/v1/workflows/{id}")).ShouldHave(HttpStatusCode.OK).Body.Should().Contain(Secret);
        (await editor.GetAsync($"/api/v1/workflows/{id}/export")).ShouldHave(HttpStatusCode.OK).Body.Should().Contain(Secret);
    }
}
