namespace ProcessStudio.Web.Ui.Kit;

public enum ButtonVariant { Primary, Secondary, Ghost, Danger }
