namespace ForgeNet.Core.Errors;

/// <summary>
/// Every error the engine throws on purpose. The message is one line with its context, e.g.
/// "create sandbox web-1: attach to net0: create veth fv1a2b3c4d5e: File exists (EEXIST)".
/// </summary>
public class ForgeException : Exception
{
    public ForgeException(ErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    /// <summary>The kind of failure, for callers that branch on it.</summary>
    public ErrorKind Kind { get; }

    /// <summary>The same error with "<paramref name="context"/>: " in front; the kind and cause stay.</summary>
    public ForgeException WithContext(string context) => new(Kind, $"{context}: {Message}", InnerException ?? this);

    internal static ForgeException Invalid(string message) => new(ErrorKind.InvalidArgument, message);

    internal static ForgeException NotFound(string message) => new(ErrorKind.NotFound, message);

    internal static ForgeException Exists(string message) => new(ErrorKind.AlreadyExists, message);

    internal static ForgeException InUse(string message) => new(ErrorKind.InUse, message);

    internal static ForgeException Exhausted(string message) => new(ErrorKind.Exhausted, message);
}
