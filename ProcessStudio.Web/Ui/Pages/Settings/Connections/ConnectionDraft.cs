using System.Text.Json.Nodes;
using ProcessStudio.Engine.Connections;
using ProcessStudio.Web.Connections;

namespace ProcessStudio.Web.Ui.Pages.Settings.Connections;

/// <summary>
/// The connection form's state. Secret fields start empty: typing replaces the saved value, clearing removes it,
/// and leaving them alone keeps it, so a saved secret never travels back to the browser.
/// </summary>
public sealed class ConnectionDraft
{
    private readonly Dictionary<string, bool> _savedSecrets;
    private readonly Dictionary<string, string?> _secretEdits = new(StringComparer.Ordinal);

    private ConnectionDraft(Guid? id, string name, ConnectionTypeDescriptor type, Dictionary<string, string?> values, Dictionary<string, bool> savedSecrets)
    {
        Id = id;
        Name = name;
        Type = type;
        Values = values;
        _savedSecrets = savedSecrets;
    }

    public Guid? Id { get; }
    public bool IsNew => Id is null;
    public string Name { get; set; }
    public ConnectionTypeDescriptor Type { get; }
    public Dictionary<string, string?> Values { get; }

    /// <summary>The fields that apply to the values chosen so far (a database's file or its connection string).</summary>
    public IEnumerable<ConnectionFieldDescriptor> VisibleFields => Type.Fields.Where(f => f.IsVisible(Values.GetValueOrDefault));

    public static ConnectionDraft New(ConnectionTypeDescriptor type) => new(null, "", type,
        type.Fields.Where(f => !f.Secret).ToDictionary(f => f.Name, f => f.Default), []);

    public static ConnectionDraft Edit(ConnectionView view, ConnectionTypeDescriptor type) => new(view.Id, view.Name, type,
        type.Fields.Where(f => !f.Secret).ToDictionary(f => f.Name, f => view.Fields.GetValueOrDefault(f.Name)), new(view.HasSecret));

    /// <summary>Whether the secret will have a value after saving (saved and untouched, or newly typed).</summary>
    public bool SecretIsSet(string field) =>
        _secretEdits.TryGetValue(field, out var edit) ? edit is not null : _savedSecrets.GetValueOrDefault(field);

    /// <summary>What was typed into the secret field in this form, if anything; never the saved value.</summary>
    public string? TypedSecret(string field) => _secretEdits.GetValueOrDefault(field);

    public void SetSecret(string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) _secretEdits.Remove(field);
        else _secretEdits[field] = value;
    }

    public void ClearSecret(string field) => _secretEdits[field] = null;

    public ConnectionInput ToInput()
    {
        var fields = new JsonObject();
        foreach (var (name, value) in Values)
            fields[name] = value;
        foreach (var (name, value) in _secretEdits)
            fields[name] = value;
        return new ConnectionInput(Name, Type.Type, fields);
    }
}
