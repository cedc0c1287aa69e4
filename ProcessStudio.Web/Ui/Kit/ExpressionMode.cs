namespace ProcessStudio.Web.Ui.Kit;

/// <summary>Whether a field holds a plain expression (a condition) or text with {{ expression }} parts.</summary>
public enum ExpressionMode { Expression, Template }
