using MessagePack;

namespace Hubdeck.Interop;

/** Typed values sent to the hub and echoed back: what a .NET program puts on the wire must come back the same. */
public sealed record Line(string Sku, int Quantity, decimal Price);

public sealed record Order(
    Guid Id,
    DateTime Placed,
    DateTimeOffset Promised,
    byte[] Signature,
    decimal Total,
    Line[] Lines,
    Dictionary<string, int> Counts,
    string? Note,
    Line? Gift);

/** Values a hub makes itself, named on the wire as JavaScript names them. */
[MessagePackObject]
public sealed class ServerValues
{
    [Key("when")] public DateTime When { get; set; }
    [Key("bytes")] public byte[] Bytes { get; set; } = [];
    [Key("id")] public Guid Id { get; set; }
    [Key("amount")] public double Amount { get; set; }
    [Key("nested")] public Nested? Nested { get; set; }
}

[MessagePackObject]
public sealed class Nested
{
    [Key("name")] public string Name { get; set; } = "";
    [Key("items")] public int[] Items { get; set; } = [];
    [Key("note")] public string? Note { get; set; }
}
