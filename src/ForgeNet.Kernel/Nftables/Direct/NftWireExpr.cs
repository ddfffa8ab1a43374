namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// One kernel expression of a rule (nf_tables.h NFTA_*_ attributes), as libnftnl writes it. Registers are nft's
/// 32-bit word numbers (<see cref="Register"/> converts them to what goes on the wire).
/// </summary>
internal abstract record NftWireExpr(string Name)
{
    public void Write(NftBatch b)
    {
        var elem = b.BeginNest(NftWire.Rule.ListElem);
        b.PutString(NftWire.Rule.ExprName, Name);
        var data = b.BeginNest(NftWire.Rule.ExprData);
        WriteData(b);
        b.EndNest(data);
        b.EndNest(elem);
    }

    protected abstract void WriteData(NftBatch b);

    /// <summary>
    /// nft's register numbering on the wire (netlink_put_register): a word that starts a 128-bit register is sent as
    /// that register (NFT_REG_1…4), any other as a 32-bit register (NFT_REG32_00 + word).
    /// </summary>
    public static uint Register(int word) => word % 4 == 0 ? 1 + (uint)(word / 4) : 8 + (uint)word;

    public const uint VerdictRegister = 0;

    public sealed record Payload(int Word, uint Base, uint Offset, uint Length) : NftWireExpr("payload")
    {
        protected override void WriteData(NftBatch b)
        {
            b.PutU32(1, Register(Word));
            b.PutU32(2, Base);
            b.PutU32(3, Offset);
            b.PutU32(4, Length);
        }
    }

    public sealed record Meta(uint Key, int Word) : NftWireExpr("meta")
    {
        protected override void WriteData(NftBatch b)
        {
            b.PutU32(2, Key);
            b.PutU32(1, Register(Word));
        }
    }

    public sealed record Ct(uint Key, int Word) : NftWireExpr("ct")
    {
        protected override void WriteData(NftBatch b)
        {
            b.PutU32(2, Key);
            b.PutU32(1, Register(Word));
        }
    }

    /// <summary>NFT_CMP_EQ 0, NEQ 1, LT 2, LTE 3, GT 4, GTE 5.</summary>
    public sealed record Cmp(uint Op, byte[] Data) : NftWireExpr("cmp")
    {
        public const uint Eq = 0, Neq = 1, Lt = 2, Lte = 3, Gt = 4, Gte = 5;

        protected override void WriteData(NftBatch b)
        {
            b.PutU32(1, Register(0));
            b.PutU32(2, Op);
            var data = b.BeginNest(3);
            b.PutBytes(NftWire.Data.Value, Data);
            b.EndNest(data);
        }
    }

    /// <summary>NFT_RANGE_EQ 0, NEQ 1.</summary>
    public sealed record Range(uint Op, byte[] From, byte[] To) : NftWireExpr("range")
    {
        protected override void WriteData(NftBatch b)
        {
            b.PutU32(1, Register(0));
            b.PutU32(2, Op);
            var from = b.BeginNest(3);
            b.PutBytes(NftWire.Data.Value, From);
            b.EndNest(from);
            var to = b.BeginNest(4);
            b.PutBytes(NftWire.Data.Value, To);
            b.EndNest(to);
        }
    }

    /// <summary>(reg &amp; mask) ^ xor.</summary>
    public sealed record Bitwise(byte[] Mask, byte[] Xor) : NftWireExpr("bitwise")
    {
        protected override void WriteData(NftBatch b)
        {
            b.PutU32(1, Register(0));
            b.PutU32(2, Register(0));
            b.PutU32(3, (uint)Mask.Length);
            var mask = b.BeginNest(4);
            b.PutBytes(NftWire.Data.Value, Mask);
            b.EndNest(mask);
            var xor = b.BeginNest(5);
            b.PutBytes(NftWire.Data.Value, Xor);
            b.EndNest(xor);
        }
    }

    /// <summary>Converts a register's values in place (NFT_BYTEORDER_NTOH 0, HTON 1), <see cref="Length"/> bytes in units of <see cref="Size"/>.</summary>
    public sealed record Byteorder(int Word, uint Op, uint Length, uint Size) : NftWireExpr("byteorder")
    {
        public const uint HostToNetwork = 1;

        protected override void WriteData(NftBatch b)
        {
            b.PutU32(1, Register(Word));
            b.PutU32(2, Register(Word));
            b.PutU32(3, Op);
            b.PutU32(4, Length);
            b.PutU32(5, Size);
        }
    }

    /// <summary>A set lookup; <see cref="SetId"/> names a set made in the same batch, <see cref="Verdict"/> makes it a vmap.</summary>
    public sealed record Lookup(string Set, uint? SetId, bool Inverted, bool Verdict) : NftWireExpr("lookup")
    {
        protected override void WriteData(NftBatch b)
        {
            b.PutU32(2, Register(0));
            if (Verdict) b.PutU32(3, VerdictRegister);
            b.PutString(1, Set);
            if (SetId is { } id) b.PutU32(4, id);
            if (Inverted) b.PutU32(5, 1);
        }
    }

    public sealed record Immediate(NftVerdict Verdict) : NftWireExpr("immediate")
    {
        protected override void WriteData(NftBatch b)
        {
            b.PutU32(1, VerdictRegister);
            var data = b.BeginNest(2);
            WriteVerdict(b, Verdict);
            b.EndNest(data);
        }
    }

    /// <summary>Loads a constant into a data register (the address and port of a nat statement).</summary>
    public sealed record ImmediateData(int Word, byte[] Data) : NftWireExpr("immediate")
    {
        protected override void WriteData(NftBatch b)
        {
            b.PutU32(1, Register(Word));
            var data = b.BeginNest(2);
            b.PutBytes(NftWire.Data.Value, Data);
            b.EndNest(data);
        }
    }

    /// <summary>
    /// snat/dnat from registers (NFTA_NAT_*, in libnftnl's order): type NFT_NAT_SNAT 0 or DNAT 1, NFPROTO_IPV4/IPV6,
    /// the address's and optionally the port's register, and NF_NAT_RANGE_* flags when any.
    /// </summary>
    public sealed record Nat(uint Type, byte Family, int AddressWord, int? PortWord, uint Flags) : NftWireExpr("nat")
    {
        protected override void WriteData(NftBatch b)
        {
            b.PutU32(1, Type);
            b.PutU32(2, Family);
            b.PutU32(3, Register(AddressWord));
            if (PortWord is { } port) b.PutU32(5, Register(port));
            if (Flags != 0) b.PutU32(7, Flags);
        }
    }

    public sealed record Counter() : NftWireExpr("counter")
    {
        protected override void WriteData(NftBatch b)
        {
        }
    }

    /// <summary>NF_NAT_RANGE_* flags: random 4, persistent 8, fully random 16.</summary>
    public sealed record Masquerade(uint Flags) : NftWireExpr("masq")
    {
        protected override void WriteData(NftBatch b)
        {
            if (Flags != 0) b.PutU32(1, Flags);
        }
    }

    /// <summary>NFTA_DATA_VERDICT { code, chain }.</summary>
    public static void WriteVerdict(NftBatch b, NftVerdict verdict)
    {
        var nest = b.BeginNest(NftWire.Data.Verdict);
        b.PutI32(NftWire.Data.VerdictCode, verdict.Kind switch
        {
            NftVerdictKind.Accept => NftWire.Verdict.Accept,
            NftVerdictKind.Drop => NftWire.Verdict.Drop,
            NftVerdictKind.Continue => NftWire.Verdict.Continue,
            NftVerdictKind.Return => NftWire.Verdict.Return,
            NftVerdictKind.Jump => NftWire.Verdict.Jump,
            _ => NftWire.Verdict.Goto,
        });
        if (verdict.Target is { } chain) b.PutString(NftWire.Data.VerdictChain, chain);
        b.EndNest(nest);
    }
}
