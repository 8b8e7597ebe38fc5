using System;
using System.Linq;

namespace RnnGen;

/// <summary>
/// A named F32 tensor: its shape and its values in row-major order (the last index varies fastest).
/// </summary>
/// <remarks>
/// The constructor checks that <see cref="Data"/> holds exactly product(<see cref="Shape"/>) values;
/// a 0 in the shape makes a legal empty tensor, the shape [] a scalar of one value.
/// Equality compares names, shapes and values element by element (the arrays' contents, not their identity).
/// The arrays are not copied: treat them as read-only once a tensor holds them.
/// </remarks>
public sealed record Tensor
{
    /// <summary>Creates a tensor after checking that the data fits the shape.</summary>
    /// <param name="Name">The tensor's name, as in the weights file (<c>Waa</c>).</param>
    /// <param name="Shape">The dimensions, outermost first; none negative.</param>
    /// <param name="Data">product(<paramref name="Shape"/>) values in row-major order.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A dimension is negative, or the data's length is not product(shape).</exception>
    public Tensor(string Name, int[] Shape, float[] Data)
    {
        ArgumentNullException.ThrowIfNull(Name);
        ArgumentNullException.ThrowIfNull(Shape);
        ArgumentNullException.ThrowIfNull(Data);
        long? count = TensorShape.ElementCount(Shape);
        if (count is null)
        {
            throw new ArgumentException(
                $"Tensor '{Name}': shape {TensorShape.Format(Shape)} has a negative dimension or too many elements.",
                nameof(Shape));
        }
        if (Data.Length != count)
        {
            throw new ArgumentException(
                FormattableString.Invariant(
                    $"Tensor '{Name}': shape {TensorShape.Format(Shape)} needs {count} values but the data holds {Data.Length}."),
                nameof(Data));
        }
        this.Name = Name;
        this.Shape = Shape;
        this.Data = Data;
    }

    /// <summary>The tensor's name, as in the weights file.</summary>
    public string Name { get; }

    /// <summary>The dimensions, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>The values in row-major order; its length is product(<see cref="Shape"/>).</summary>
    public float[] Data { get; }

    /// <summary>Deconstructs the tensor into its name, shape and data.</summary>
    /// <param name="Name">The tensor's name.</param>
    /// <param name="Shape">The dimensions.</param>
    /// <param name="Data">The values in row-major order.</param>
    public void Deconstruct(out string Name, out int[] Shape, out float[] Data)
    {
        Name = this.Name;
        Shape = this.Shape;
        Data = this.Data;
    }

    /// <summary>Whether <paramref name="other"/> has the same name, shape and values.</summary>
    /// <param name="other">The tensor to compare with.</param>
    /// <returns><see langword="true"/> when name, shape and every value are equal (NaN equals NaN).</returns>
    public bool Equals(Tensor? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && Shape.AsSpan().SequenceEqual(other.Shape)
        && Data.SequenceEqual(other.Data);

    /// <summary>A hash of the name and the shape (the data is left out so hashing stays cheap).</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name, StringComparer.Ordinal);
        foreach (int dim in Shape) hash.Add(dim);
        return hash.ToHashCode();
    }

    /// <summary>The name and shape, e.g. <c>Waa [100, 100]</c>.</summary>
    /// <returns>A short description for logs and test failures.</returns>
    public override string ToString() => $"{Name} {TensorShape.Format(Shape)}";
}
