namespace ForgeNet.Core.Errors;

/// <summary>What went wrong, coarsely: callers (the CLI's exit codes, the daemon's status codes) branch on this.</summary>
public enum ErrorKind
{
    InvalidArgument,
    NotFound,
    AlreadyExists,
    InUse,
    Exhausted,
    Kernel,
    Internal,
}
