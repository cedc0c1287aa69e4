using Microsoft.AspNetCore.Components;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Nodes.Actions;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Ui.Kit;
using ProcessStudio.Web.Ui.Live;

namespace ProcessStudio.Web.Ui.Pages.Executions;

/// <summary>Loads the run's pending approvals whenever the set of waiting approval nodes changes, and sends decisions.</summary>
public sealed partial class ApprovalPanel : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private readonly Dictionary<string, string?> _comments = [];
    private IReadOnlyList<PendingApproval> _pending = [];
    private string? _loadedKey;
    private string? _deciding;
    private ApprovalDecision _decision;

    [Parameter, EditorRequired] public ExecutionViewModel Run { get; set; } = default!;
    [Parameter] public DateTimeOffset Now { get; set; }

    [Inject] private Approvals Approvals { get; set; } = default!;
    [Inject] private ToastService Toasts { get; set; } = default!;
    [Inject] private UiActor Actor { get; set; } = default!;

    /// <summary>Which approval nodes wait right now, as the live view sees them; a change means the store has news.</summary>
    public static string WaitingKey(ExecutionViewModel run) =>
        run.Status + ":" + string.Join(",", run.Nodes.Values
            .Where(n => n.Status == NodeExecutionStatus.Waiting && run.Workflow.FindNode(n.NodeId)?.Type == WaitForApprovalNode.TypeName)
            .Select(n => n.NodeId).Order(StringComparer.Ordinal));

    protected override async Task OnParametersSetAsync()
    {
        var key = WaitingKey(Run);
        if (key == _loadedKey) return;
        _loadedKey = key;
        _pending = key.EndsWith(':') ? [] : await Approvals.InRunAsync(Run.Execution.Id, _disposed.Token);
    }

    private string? Comment(string nodeId) => _comments.GetValueOrDefault(nodeId);

    private string TimeoutText(DateTimeOffset timeout) =>
        timeout <= Now ? "Timed out; continuing on the timeout path" : $"Times out in {Formatting.Duration((long)(timeout - Now).TotalMilliseconds)}";

    private async Task DecideAsync(PendingApproval approval, ApprovalDecision decision)
    {
        if (!await Actor.AllowsAsync(AccessPolicies.Operate))
        {
            Toasts.Error("Not allowed", "Your role cannot approve or reject runs.");
            return;
        }
        _deciding = approval.NodeId;
        _decision = decision;
        try
        {
            await Approvals.DecideAsync(approval.ExecutionId, approval.NodeId, decision, Comment(approval.NodeId), await Actor.NameAsync(), _disposed.Token);
            await Actor.RecordAsync(AuditAction.For(decision), AuditTarget.Execution(approval.ExecutionId), Comment(approval.NodeId), _disposed.Token);
            _pending = _pending.Where(p => p.NodeId != approval.NodeId).ToList();
            _comments.Remove(approval.NodeId);
            Toasts.Success(decision == ApprovalDecision.Approve ? "Approved" : "Rejected", $"“{approval.Title}” continues on its {(decision == ApprovalDecision.Approve ? "approved" : "rejected")} path.");
        }
        catch (Exception ex) when (ex is InvalidTransitionException or NotFoundException or ConcurrencyConflictException
                                       or Engine.Execution.Remote.RunCommandUnansweredException)
        {
            Toasts.Error("Could not record the decision", ex.Message);
            _loadedKey = null;   // someone else decided, or it timed out: show what is still pending
            _pending = await Approvals.InRunAsync(Run.Execution.Id, _disposed.Token);
        }
        finally
        {
            _deciding = null;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
