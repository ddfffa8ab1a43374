namespace ForgeNet.Cni.Plugin;

/// <summary>One attachment a runtime still considers valid (GC's cni.dev/valid-attachments).</summary>
internal readonly record struct Attachment(string ContainerId, string IfName);
