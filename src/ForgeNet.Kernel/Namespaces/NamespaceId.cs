namespace ForgeNet.Kernel.Namespaces;

/// <summary>Identity of a namespace: the (st_dev, st_ino) of its nsfs inode, equal for every fd or path naming it.</summary>
public readonly record struct NamespaceId(ulong Device, ulong Inode)
{
    /// <summary>"net:[4026532281]", the form readlink(/proc/PID/ns/net) prints.</summary>
    public override string ToString() => $"net:[{Inode}]";
}
