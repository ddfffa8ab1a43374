using System.Net;

namespace ForgeNet.Core.Operations;

/// <summary>One validated attachment of a new sandbox: which network, which position, which addresses were asked for.</summary>
internal sealed record AttachmentPlan(string Network, int Position, IPAddress? Requested4, IPAddress? Requested6);
