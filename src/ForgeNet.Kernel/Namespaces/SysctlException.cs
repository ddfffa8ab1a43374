namespace ForgeNet.Kernel.Namespaces;

/// <summary>Reading or writing a sysctl failed; names the key, the file and the errno (ENOENT: no such key).</summary>
public class SysctlException : IOException
{
    /// <summary>"read sysctl net.ipv4.x (/proc/sys/net/ipv4/x): no such key in this network namespace: ...".</summary>
    public SysctlException(string operation, string key, string path, int errno)
        : base($"{operation} sysctl {key} ({path}): {DescribeFor(errno)}")
    {
        Key = key;
        Errno = errno;
    }

    /// <summary>The key as the caller gave it.</summary>
    public string Key { get; }

    /// <summary>The errno behind the failure.</summary>
    public int Errno { get; }

    /// <summary>No such key (in this network namespace).</summary>
    public bool IsNotFound => Errno == Interop.Errno.ENOENT;

    private static string DescribeFor(int errno) => errno == Interop.Errno.ENOENT
        ? $"no such key in this network namespace: {Interop.Errno.Describe(errno)}"
        : Interop.Errno.Describe(errno);
}
