namespace ProcessStudio.Engine.Net;

/// <summary>
/// Which addresses HTTP Request nodes (and "test node") may connect to. Checked on the resolved IP address of every
/// connection, redirects included. Refused by default: the app's own listening addresses, loopback, link-local
/// (169.254.0.0/16, fe80::/10, which holds the cloud metadata endpoints), other metadata addresses, unspecified and
/// multicast addresses. Private networks are allowed unless listed in <see cref="Deny"/>.
/// </summary>
public sealed class OutboundAddressOptions
{
    /// <summary>Loopback (127.0.0.0/8, ::1) except the app's own listening port. Off by default: local services are not for workflow authors.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Addresses or CIDR ranges always allowed (checked after <see cref="Deny"/>), e.g. "10.1.2.3" or "fd00::/8".</summary>
    public List<string> Allow { get; set; } = [];

    /// <summary>Addresses or CIDR ranges always refused, e.g. "10.0.0.0/8" to keep workflows off the internal network.</summary>
    public List<string> Deny { get; set; } = [];
}
