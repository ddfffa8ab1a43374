using ForgeNet.Core.Errors;

namespace ForgeNet.Core.Operations;

/// <summary>Teardown is best effort: run every step, keep the errors, report them together at the end.</summary>
internal sealed class ErrorCollector
{
    private readonly List<ForgeException> _errors = [];

    public bool Any => _errors.Count > 0;

    /// <summary>Runs <paramref name="step"/>; a failure is recorded as "<paramref name="what"/>: cause".</summary>
    public void Try(string what, Action step)
    {
        try
        {
            step();
        }
        catch (Exception e)
        {
            _errors.Add(KernelErrors.Wrap(what, e));
        }
    }

    /// <summary>Throws one error naming every failure, prefixed with <paramref name="context"/>.</summary>
    public void ThrowIfAny(string context)
    {
        if (_errors.Count == 0) return;
        var kind = _errors.Count == 1 ? _errors[0].Kind : ErrorKind.Kernel;
        throw new ForgeException(kind, $"{context}: {string.Join("; ", _errors.Select(e => e.Message))}", _errors[0].InnerException ?? _errors[0]);
    }
}
