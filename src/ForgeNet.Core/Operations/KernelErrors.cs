using System.ComponentModel;
using ForgeNet.Core.Errors;
using ForgeNet.Kernel.Interop;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Kernel.Nftables;
using Microsoft.Data.Sqlite;

namespace ForgeNet.Core.Operations;

/// <summary>Turns kernel-layer and library exceptions into one-line ForgeExceptions with context.</summary>
internal static class KernelErrors
{
    /// <summary>"<paramref name="operation"/>: File exists (EEXIST): extack text"; a ForgeException just gains the context.</summary>
    public static ForgeException Wrap(string operation, Exception error) => error switch
    {
        ForgeException forge => forge.WithContext(operation),
        NetlinkException nl => new(nl.IsAlreadyExists ? ErrorKind.AlreadyExists : ErrorKind.Kernel,
            $"{operation}: {Errno.Describe(nl.Errno)}{(string.IsNullOrEmpty(nl.ExtAck) ? "" : ": " + nl.ExtAck)}", nl),
        NamespaceException ns => new(ns.IsAlreadyExists ? ErrorKind.AlreadyExists : ErrorKind.Kernel, $"{operation}: {ns.Message}", ns),
        NftablesException nft => new(ErrorKind.Kernel, $"{operation}: {(string.IsNullOrEmpty(nft.NftError) ? nft.Message : nft.NftError)}", nft),
        SysctlException sysctl => new(ErrorKind.Kernel, $"{operation}: {sysctl.Message}", sysctl),
        SqliteException sql => new(ErrorKind.Internal, $"{operation}: state database: {sql.Message}", sql),
        Win32Exception win32 => new(ErrorKind.InvalidArgument, $"{operation}: {win32.Message}", win32),
        IOException or UnauthorizedAccessException => new(ErrorKind.Kernel, $"{operation}: {error.Message}", error),
        _ => new(ErrorKind.Internal, $"{operation}: {error.Message}", error),
    };

    /// <summary>Runs <paramref name="step"/>, wrapping any failure with <paramref name="operation"/>.</summary>
    public static T Do<T>(string operation, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e)
        {
            throw Wrap(operation, e);
        }
    }

    /// <inheritdoc cref="Do{T}(string, Func{T})"/>
    public static void Do(string operation, Action step) => Do(operation, () => { step(); return 0; });

    /// <summary>True for failures that mean "it is already gone", which teardown treats as success.</summary>
    public static bool IsGone(Exception e) => e switch
    {
        NetlinkException nl => nl.IsNotFound,
        NamespaceException ns => ns.IsNotFound,
        _ => false,
    };
}
