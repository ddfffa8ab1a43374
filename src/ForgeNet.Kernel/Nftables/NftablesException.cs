namespace ForgeNet.Kernel.Nftables;

/// <summary>nft rejected a command or batch. A rejected batch changed nothing: nftables batches are atomic.</summary>
public sealed class NftablesException : Exception
{
    private const int MaxCommandInMessage = 400;

    public NftablesException(string context, string nftError, string command)
        : base(BuildMessage(context, nftError, command))
    {
        NftError = nftError;
        Command = command;
        Errno = GuessErrno(nftError);
    }

    /// <summary>nft's own error text (the library's error buffer), trimmed.</summary>
    public string NftError { get; }

    /// <summary>The command or JSON batch that was sent.</summary>
    public string Command { get; }

    /// <summary>The errno nft reported, recognised from its strerror text; null when the text names none.</summary>
    public int? Errno { get; }

    /// <summary>True when the object did not exist (ENOENT): "already gone" during teardown.</summary>
    public bool IsNotFound => Errno == Interop.Errno.ENOENT;

    /// <summary>True when the object already existed (EEXIST).</summary>
    public bool IsAlreadyExists => Errno == Interop.Errno.EEXIST;

    private static string BuildMessage(string context, string nftError, string command)
    {
        var shown = command.Length <= MaxCommandInMessage ? command : command[..MaxCommandInMessage] + " …";
        var error = string.IsNullOrWhiteSpace(nftError) ? "no error text" : nftError;
        return $"{context}: {error} (command: {shown})";
    }

    // nft reports kernel errors only as strerror() text ("Error: Could not process rule: File exists").
    private static readonly int[] Candidates =
    [
        Interop.Errno.ENOENT, Interop.Errno.EEXIST, Interop.Errno.EBUSY, Interop.Errno.EPERM, Interop.Errno.EINVAL,
        Interop.Errno.ENOSPC, Interop.Errno.ENOMEM, Interop.Errno.EOPNOTSUPP, Interop.Errno.ERANGE, Interop.Errno.ENOBUFS,
        Interop.Errno.EACCES, Interop.Errno.EAFNOSUPPORT,
    ];

    private static int? GuessErrno(string nftError)
    {
        foreach (var errno in Candidates)
        {
            if (nftError.Contains(System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno), StringComparison.Ordinal))
                return errno;
        }
        return null;
    }
}
