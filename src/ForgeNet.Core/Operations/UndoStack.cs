namespace ForgeNet.Core.Operations;

/// <summary>Completed setup steps, undone in reverse order when a later step fails.</summary>
internal sealed class UndoStack
{
    private readonly Stack<(string What, Action Undo)> _steps = new();

    public void Push(string what, Action undo) => _steps.Push((what, undo));

    /// <summary>Undoes every step, newest first, past failures; returns what could not be undone.</summary>
    public List<string> Run()
    {
        var failures = new List<string>();
        while (_steps.TryPop(out var step))
        {
            try
            {
                step.Undo();
            }
            catch (Exception e)
            {
                failures.Add($"{step.What}: {e.Message}");
            }
        }
        return failures;
    }
}
