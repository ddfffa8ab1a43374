namespace ForgeNet.Kernel.Namespaces;

/// <summary>A namespace operation failed: says what was done to which path, with the errno.</summary>
public class NamespaceException : Exception
{
    /// <summary>A failure described by its errno: "open /run/netns/x: No such file or directory (ENOENT)".</summary>
    public NamespaceException(string operation, string path, int errno)
        : base($"{operation} {path}: {Interop.Errno.Describe(errno)}")
    {
        Operation = operation;
        Path = path;
        Errno = errno;
    }

    /// <summary>A failure with a message of its own (the errno is still recorded for callers that branch on it).</summary>
    public NamespaceException(string operation, string path, int errno, string message)
        : base($"{operation} {path}: {message}")
    {
        Operation = operation;
        Path = path;
        Errno = errno;
    }

    /// <summary>The errno behind the failure (EINVAL when the file exists but is not a network namespace).</summary>
    public int Errno { get; }

    /// <summary>What was being done, e.g. "create", "open", "setns into".</summary>
    public string Operation { get; }

    /// <summary>The path the operation was about.</summary>
    public string Path { get; }

    /// <summary>The namespace (or the file for it) does not exist.</summary>
    public bool IsNotFound => Errno == Interop.Errno.ENOENT;

    /// <summary>A namespace of that name exists already.</summary>
    public bool IsAlreadyExists => Errno == Interop.Errno.EEXIST;

    /// <summary>An exception for the errno of the last P/Invoke.</summary>
    internal static NamespaceException FromLastError(string operation, string path) => new(operation, path, Interop.Errno.Last);
}
