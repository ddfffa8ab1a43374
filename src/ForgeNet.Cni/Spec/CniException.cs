namespace ForgeNet.Cni.Spec;

/// <summary>A CNI error: printed as the spec's error JSON on stdout, with a non-zero exit.</summary>
public sealed class CniException : Exception
{
    /// <summary>An error with a well-known or plugin code, a short message and optional details.</summary>
    public CniException(int code, string message, string? details = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Details = details;
    }

    /// <summary>The error code (see <see cref="CniErrorCode"/>).</summary>
    public int Code { get; }

    /// <summary>The longer explanation, if any.</summary>
    public string? Details { get; }
}
