namespace ForgeNet.Kernel.Netlink;

/// <summary>
/// A failed netlink request: the operation, the errno, and the kernel's extended-ack message when it sent one.
/// Message like "RTM_NEWLINK fv12ab: File exists (EEXIST): &lt;extack text&gt;".
/// </summary>
public class NetlinkException : Exception
{
    public NetlinkException(string operation, int errno, string? extAck = null)
        : this(operation, errno, extAck, innerException: null)
    {
    }

    public NetlinkException(string operation, int errno, string? extAck, Exception? innerException)
        : base(Format(operation, errno, extAck), innerException)
    {
        Operation = operation;
        Errno = errno;
        ExtAck = extAck;
    }

    /// <summary>The positive errno the kernel (or the socket) returned.</summary>
    public int Errno { get; }

    /// <summary>The kernel's extended-ack text (NLMSGERR_ATTR_MSG), or null.</summary>
    public string? ExtAck { get; }

    /// <summary>What was asked, e.g. "RTM_NEWLINK fv12ab".</summary>
    public string Operation { get; }

    /// <summary>The object does not exist: ENOENT, ENODEV, ESRCH or EADDRNOTAVAIL.</summary>
    public bool IsNotFound => Errno is Interop.Errno.ENOENT or Interop.Errno.ENODEV or Interop.Errno.ESRCH or Interop.Errno.EADDRNOTAVAIL;

    /// <summary>The object exists already (EEXIST).</summary>
    public bool IsAlreadyExists => Errno == Interop.Errno.EEXIST;

    private static string Format(string operation, int errno, string? extAck) =>
        extAck is null ? $"{operation}: {Interop.Errno.Describe(errno)}" : $"{operation}: {Interop.Errno.Describe(errno)}: {extAck}";
}
