namespace ForgeNet.Cni.Spec;

/// <summary>CNI_COMMAND.</summary>
public enum CniCommand
{
    Add,
    Del,
    Check,
    Status,
    Gc,
    Version,
}
