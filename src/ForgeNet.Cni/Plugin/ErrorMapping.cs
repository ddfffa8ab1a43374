using ForgeNet.Cni.Spec;
using ForgeNet.Core.Errors;
using Microsoft.Data.Sqlite;

namespace ForgeNet.Cni.Plugin;

/// <summary>Engine errors as CNI errors: the kind decides the code, the message stays the engine's.</summary>
internal static class ErrorMapping
{
    // SQLITE_BUSY and SQLITE_LOCKED: another process held the state database past the busy timeout.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static CniException From(ForgeException e)
    {
        if (e.InnerException is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
            return new CniException(CniErrorCode.TryAgainLater, e.Message, inner: e);
        var code = e.Kind switch
        {
            ErrorKind.InvalidArgument => CniErrorCode.InvalidNetworkConfig,
            // The one thing an ADD can find missing is the runtime's namespace: the container is gone.
            ErrorKind.NotFound => CniErrorCode.UnknownContainer,
            ErrorKind.AlreadyExists => CniErrorCode.AlreadyAttached,
            ErrorKind.Exhausted => CniErrorCode.AddressesExhausted,
            ErrorKind.InUse => CniErrorCode.Conflict,
            _ => CniErrorCode.Failed,
        };
        return new CniException(code, e.Message, inner: e);
    }
}
