using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Data.Tests;

public abstract class WorkflowStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(provider);
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Saving_creates_the_workflow_then_appends_versions()
    {
        var definition = TestData.Workflow("Invoice import");
        var first = await _db.Workflows.SaveAsync(definition, "first draft", Ct);
        definition.Nodes.Add(new() { Id = "extra", Type = "log", Name = "Extra" });
        var second = await _db.Workflows.SaveAsync(definition, "added a log", Ct);

        first.Version.Should().Be(1);
        second.Version.Should().Be(2);
        var latest = await _db.Workflows.GetLatestAsync(definition.Id, Ct);
        latest!.Version.Should().Be(2);
        latest.Definition.Nodes.Select(n => n.Id).Should().Equal("trigger", "log1", "extra");
        latest.Comment.Should().Be("added a log");

        var v1 = await _db.Workflows.GetVersionAsync(definition.Id, 1, Ct);
        v1!.Definition.Nodes.Should().HaveCount(2);
        v1.Definition.Nodes[1].Settings["message"]!.GetValue<string>().Should().Be("Hello {{ $input.name }}");

        var versions = await _db.Workflows.ListVersionsAsync(definition.Id, Ct);
        versions.Select(v => (v.Version, v.NodeCount, v.Comment)).Should().Equal((2, 3, "added a log"), (1, 2, "first draft"));
    }

    [Fact]
    public async Task A_definition_without_id_gets_one()
    {
        var definition = TestData.Workflow(id: Guid.Empty);
        definition.Id = Guid.Empty;

        var saved = await _db.Workflows.SaveAsync(definition, null, Ct);

        saved.WorkflowId.Should().NotBe(Guid.Empty);
        definition.Id.Should().Be(saved.WorkflowId);
        (await _db.Workflows.GetLatestAsync(saved.WorkflowId, Ct)).Should().NotBeNull();
    }

    [Fact]
    public async Task A_workflow_without_a_name_is_rejected_and_nothing_is_written()
    {
        var definition = TestData.Workflow(" ");

        var save = () => _db.Workflows.SaveAsync(definition, null, Ct);

        (await save.Should().ThrowAsync<ArgumentException>()).WithMessage("*name*");
        (await _db.Workflows.ListAsync(null, Ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task List_shows_latest_version_node_count_and_last_run_and_filters_by_search()
    {
        var orders = TestData.Workflow("Order sync", nodeCount: 2);
        await _db.Workflows.SaveAsync(orders, null, Ct);
        orders.Nodes.Add(new() { Id = "n3", Type = "log", Name = "N3" });
        await _db.Workflows.SaveAsync(orders, null, Ct);
        var billing = TestData.Workflow("Billing", nodeCount: 4);
        await _db.Workflows.SaveAsync(billing, null, Ct);

        var older = TestData.Execution(orders.Id, ExecutionStatus.Completed, TestData.BaseTime);
        var newer = TestData.Execution(orders.Id, ExecutionStatus.Failed, TestData.BaseTime.AddHours(1));
        await _db.Executions.CreateAsync(older, null, Ct);
        await _db.Executions.CreateAsync(newer, null, Ct);

        var all = await _db.Workflows.ListAsync(null, Ct);
        all.Select(w => w.Name).Should().Equal("Billing", "Order sync");
        var summary = all.Single(w => w.Id == orders.Id);
        summary.LatestVersion.Should().Be(2);
        summary.NodeCount.Should().Be(3);
        summary.LastRunStatus.Should().Be(ExecutionStatus.Failed);
        summary.LastRunAt.Should().Be(newer.CreatedAt);
        all.Single(w => w.Id == billing.Id).LastRunStatus.Should().BeNull();

        (await _db.Workflows.ListAsync("bill", Ct)).Select(w => w.Id).Should().Equal(billing.Id);
        (await _db.Workflows.ListAsync("order sync desc", Ct)).Select(w => w.Id).Should().Equal(orders.Id);
        (await _db.Workflows.ListAsync("100%", Ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task Delete_removes_the_workflow_and_versions_but_keeps_run_history()
    {
        var definition = TestData.Workflow();
        await _db.Workflows.SaveAsync(definition, null, Ct);
        await _db.Workflows.SaveAsync(definition, null, Ct);
        var run = TestData.Execution(definition.Id, ExecutionStatus.Completed);
        await _db.Executions.CreateAsync(run, null, Ct);

        (await _db.Workflows.DeleteAsync(definition.Id, Ct)).Should().BeTrue();

        (await _db.Workflows.GetLatestAsync(definition.Id, Ct)).Should().BeNull();
        (await _db.Workflows.ListVersionsAsync(definition.Id, Ct)).Should().BeEmpty();
        (await _db.Executions.GetAsync(run.Id, Ct))!.WorkflowName.Should().Be("Order sync");
        (await _db.Workflows.DeleteAsync(definition.Id, Ct)).Should().BeFalse();
    }
}
