namespace RnnGen;

/// <summary>One tensor's line in a safetensors header: where its bytes lie in the data section.</summary>
/// <param name="Name">The tensor's name (the header's key).</param>
/// <param name="Shape">The dimensions, outermost first.</param>
/// <param name="Begin">The offset of the first byte, relative to the start of the data section.</param>
/// <param name="End">The offset one past the last byte.</param>
internal sealed record SafeTensorsEntry(string Name, int[] Shape, long Begin, long End);
