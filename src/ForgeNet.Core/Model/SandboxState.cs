namespace ForgeNet.Core.Model;

/// <summary>Life cycle of a sandbox record; a record stuck in Creating or Removing whose process died is garbage.</summary>
internal enum SandboxState
{
    Creating,
    Ready,
    Removing,
}
