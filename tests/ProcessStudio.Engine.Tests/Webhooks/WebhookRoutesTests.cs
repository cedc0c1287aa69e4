using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.DependencyInjection;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Persistence.InMemory;
using ProcessStudio.Engine.Tests.Support;
using ProcessStudio.Engine.Webhooks;

namespace ProcessStudio.Engine.Tests.Webhooks;

/// <summary>The path index behind /hooks, kept by the decorated workflow store: one owner per path, always the latest version.</summary>
public sealed class WebhookRoutesTests : IDisposable
{
    private readonly IWorkflowStore _inner = new InMemoryWorkflowStore(TimeProvider.System);
    private readonly ServiceProvider _services;

    public WebhookRoutesTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IWorkflowStore>(_inner);
        services.AddWebhookRoutes();
        _services = services.BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    private IWorkflowStore Store => _services.GetRequiredService<IWorkflowStore>();
    private WebhookRoutes Routes => _services.GetRequiredService<WebhookRoutes>();

    private static WorkflowDefinition Hook(string name, string path, bool disabled = false) => new WorkflowBuilder(name)
        .Node("hook", "webhook-trigger", new { path }, n => n.Disabled = disabled)
        .Build();

    [Fact]
    public async Task A_saved_hook_is_found_by_its_path_in_any_case_and_with_slashes()
    {
        var saved = await Store.SaveAsync(Hook("Orders", "orders/new"), null, CancellationToken.None);

        var route = await Routes.FindAsync("/Orders/New/", CancellationToken.None);

        route.Should().NotBeNull();
        route!.WorkflowId.Should().Be(saved.WorkflowId);
        route.Version.Should().Be(saved.Version);
        route.NodeId.Should().Be("hook");
    }

    [Fact]
    public async Task A_second_workflow_cannot_take_a_path_and_nothing_is_saved()
    {
        await Store.SaveAsync(Hook("First", "orders"), null, CancellationToken.None);

        var act = () => Store.SaveAsync(Hook("Second", "ORDERS"), null, CancellationToken.None);

        var refusal = (await act.Should().ThrowAsync<WorkflowInvalidException>()).Which;
        refusal.Problems.Should().ContainSingle(p => p.NodeId == "hook" && p.Setting == "path" && p.Message.Contains("'First'"));
        (await _inner.ListAsync(null, CancellationToken.None)).Select(w => w.Name).Should().Equal("First");
    }

    [Fact]
    public async Task Saving_a_workflow_again_keeps_its_own_path_and_a_changed_path_frees_the_old_one()
    {
        var first = await Store.SaveAsync(Hook("First", "a"), null, CancellationToken.None);
        await Store.SaveAsync(Hook("First", "a").WithId(first.WorkflowId), null, CancellationToken.None);
        await Store.SaveAsync(Hook("First", "b").WithId(first.WorkflowId), null, CancellationToken.None);

        (await Routes.FindAsync("a", CancellationToken.None)).Should().BeNull();
        (await Routes.FindAsync("b", CancellationToken.None))!.Version.Should().Be(3);
        await Store.SaveAsync(Hook("Second", "a"), null, CancellationToken.None);
        (await Routes.FindAsync("a", CancellationToken.None))!.WorkflowName.Should().Be("Second");
    }

    [Fact]
    public async Task Deleting_a_workflow_frees_its_path()
    {
        var saved = await Store.SaveAsync(Hook("Gone", "gone"), null, CancellationToken.None);

        await Store.DeleteAsync(saved.WorkflowId, CancellationToken.None);

        (await Routes.FindAsync("gone", CancellationToken.None)).Should().BeNull();
        await Store.SaveAsync(Hook("Next", "gone"), null, CancellationToken.None);
    }

    [Fact]
    public async Task A_disabled_trigger_neither_listens_nor_holds_its_path()
    {
        await Store.SaveAsync(Hook("Off", "shared", disabled: true), null, CancellationToken.None);

        (await Routes.FindAsync("shared", CancellationToken.None)).Should().BeNull();
        await Store.SaveAsync(Hook("On", "shared"), null, CancellationToken.None);
        (await Routes.FindAsync("shared", CancellationToken.None))!.WorkflowName.Should().Be("On");
    }

    [Fact]
    public async Task Workflows_saved_before_start_up_are_indexed_on_first_use()
    {
        await _inner.SaveAsync(Hook("Earlier", "earlier"), null, CancellationToken.None);

        (await Routes.FindAsync("earlier", CancellationToken.None))!.WorkflowName.Should().Be("Earlier");
        await FluentActions.Awaiting(() => Store.SaveAsync(Hook("Later", "earlier"), null, CancellationToken.None))
            .Should().ThrowAsync<WorkflowInvalidException>();
    }

    [Fact]
    public async Task Concurrent_saves_of_one_path_leave_exactly_one_owner()
    {
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try { await Store.SaveAsync(Hook($"W{i}", "race"), null, CancellationToken.None); return true; }
            catch (WorkflowInvalidException) { return false; }
        }));

        var results = await Task.WhenAll(attempts);

        results.Count(saved => saved).Should().Be(1);
        (await _inner.ListAsync(null, CancellationToken.None)).Should().ContainSingle();
    }
}

internal static class WorkflowDefinitionIds
{
    public static WorkflowDefinition WithId(this WorkflowDefinition definition, Guid id)
    {
        definition.Id = id;
        return definition;
    }
}
