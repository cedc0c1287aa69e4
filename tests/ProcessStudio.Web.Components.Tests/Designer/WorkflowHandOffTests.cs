using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Ui;
using ProcessStudio.Web.Ui.Designer;

namespace ProcessStudio.Web.Components.Tests.Designer;

/// <summary>
/// A prerendered designer hands the workflow it loaded to the circuit that follows (through a token in the page), so
/// the circuit shows the same canvas at once; only the same workflow, for the same person, and only once.
/// </summary>
public sealed class WorkflowHandOffTests : BunitContext
{
    private readonly WorkflowHandOff _handOff = new(new MemoryCache(new MemoryCacheOptions()));
    private readonly WorkflowVersion _stored = new(Guid.NewGuid(), 3, new WorkflowDefinition { Id = Guid.NewGuid(), Name = "Orders" }, DateTimeOffset.UnixEpoch, null);

    /// <summary>Plays the prerender: the workflow is given while the page state is written, then read back as the circuit does.</summary>
    private PersistentComponentState Prerendered(string user)
    {
        var bunitState = this.AddBunitPersistentComponentState();
        var state = Services.GetRequiredService<PersistentComponentState>();
        state.RegisterOnPersisting(() =>
        {
            _handOff.Give(state, _stored, user);
            return Task.CompletedTask;
        });
        bunitState.TriggerOnPersisting();
        return state;
    }

    [Fact]
    public void The_circuit_takes_the_workflow_the_prerender_loaded_once()
    {
        var state = Prerendered("ann");

        _handOff.Take(state, _stored.WorkflowId, "ann").Should().BeSameAs(_stored);
        _handOff.Take(state, _stored.WorkflowId, "ann").Should().BeNull("a token is taken once; a reload loads from the store");
    }

    [Fact]
    public void Another_person_gets_nothing_and_loads_from_the_store()
    {
        _handOff.Take(Prerendered("ann"), _stored.WorkflowId, "bob").Should().BeNull();
    }

    [Fact]
    public void Another_workflow_gets_nothing_and_loads_from_the_store()
    {
        _handOff.Take(Prerendered("ann"), Guid.NewGuid(), "ann").Should().BeNull();
    }

    [Fact]
    public void A_page_that_was_not_prerendered_hands_nothing_over()
    {
        this.AddBunitPersistentComponentState();
        _handOff.Take(Services.GetRequiredService<PersistentComponentState>(), _stored.WorkflowId, "ann").Should().BeNull();
    }

    [Theory]
    [InlineData("/workflows/6f9619ff-8b86-d011-b42d-00cf4fc964ff", true)]
    [InlineData("/workflows/6F9619FF-8B86-D011-B42D-00CF4FC964FF/", true)]
    [InlineData("/workflows/new", false)]
    [InlineData("/workflows", false)]
    [InlineData("/executions/6f9619ff-8b86-d011-b42d-00cf4fc964ff", false)]
    public void Only_the_designer_of_a_saved_workflow_is_prerendered(string path, bool prerendered)
    {
        PageRenderModes.IsSavedWorkflowDesigner(path).Should().Be(prerendered);
    }
}
