using ForgeNet.Core.Errors;

namespace ForgeNet.Core.Operations;

/// <summary>Teardown is best effort: run every step, keep the errors, report them together at the end.</summary>
internal sealed class ErrorCollector
{
    private readonly List<ForgeException> _errors = [];

    public bool Any => _errors.Count > 0;

    /// <summary>Runs <paramref name="step"/>; a failure is recorded as "<paramref name="what"/>: cause". False on failure.</summary>
    public bool Try(string what, Action step)
    {
        try
        {
            step();
            return true;
        }
        catch (Exception e)
        {
            _errors.Add(KernelErrors.Wrap(what, e));
            return false;
        }
    }

    /// <summary>Throws one error naming every failure, prefixed with <paramref name="context"/> when given.</summary>
    public void ThrowIfAny(string? context = null)
    {
        if (_errors.Count == 0) return;
        var kind = _errors.Count == 1 ? _errors[0].Kind : ErrorKind.Kernel;
        var message = string.Join("; ", _errors.Select(e => e.Message));
        throw new ForgeException(kind, context is null ? message : $"{context}: {message}", _errors[0].InnerException ?? _errors[0]);
    }
}
