using System.Collections.Generic;

namespace RnnGen;

/// <summary>A weight tensor a generated model reads from its weights file: its name and row-major shape.</summary>
/// <param name="Name">The tensor's name in the safetensors file (<c>Waa</c>).</param>
/// <param name="Shape">Its dimensions, outermost first (<c>[100, 100]</c>).</param>
public sealed record TensorInfo(string Name, IReadOnlyList<int> Shape);
