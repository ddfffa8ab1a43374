namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// One error the kernel reported for a batch: for the command message <see cref="Message"/> (0-based), or for the
/// batch as a whole when that is null (no permission, or the commit's final validation failed).
/// </summary>
internal readonly record struct NftBatchError(int? Message, int Errno, string? Text);
