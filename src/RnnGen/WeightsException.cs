using System;

namespace RnnGen;

/// <summary>
/// A weights file that cannot be read or does not fit the model: the file is missing or unreadable,
/// its safetensors layout is malformed, or a tensor is missing, unexpected or of the wrong shape.
/// </summary>
/// <remarks>
/// The message always starts with the file, then the tensor when there is one:
/// <c>{file}: tensor '{tensor}': {what}</c> or <c>{file}: {what}</c>.
/// </remarks>
public sealed class WeightsException : Exception
{
    /// <summary>Creates an exception about the file as a whole.</summary>
    /// <param name="file">The file's path or name.</param>
    /// <param name="detail">What is wrong, without the file's name.</param>
    public WeightsException(string file, string detail)
        : this(file, null, detail, null)
    {
    }

    /// <summary>Creates an exception about one tensor of the file.</summary>
    /// <param name="file">The file's path or name.</param>
    /// <param name="tensorName">The tensor at fault, or <see langword="null"/> for the file as a whole.</param>
    /// <param name="detail">What is wrong, without the file's or the tensor's name.</param>
    public WeightsException(string file, string? tensorName, string detail)
        : this(file, tensorName, detail, null)
    {
    }

    /// <summary>Creates an exception caused by another one (an I/O error, a JSON syntax error).</summary>
    /// <param name="file">The file's path or name.</param>
    /// <param name="tensorName">The tensor at fault, or <see langword="null"/> for the file as a whole.</param>
    /// <param name="detail">What is wrong, without the file's or the tensor's name.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public WeightsException(string file, string? tensorName, string detail, Exception? innerException)
        : base(Format(file, tensorName, detail), innerException)
    {
        File = file;
        TensorName = tensorName;
        Detail = detail;
    }

    /// <summary>The file's path, or the name it was parsed under.</summary>
    public string File { get; }

    /// <summary>The tensor at fault, or <see langword="null"/> when the problem concerns the file as a whole.</summary>
    public string? TensorName { get; }

    /// <summary>What is wrong, without the file's or the tensor's name.</summary>
    public string Detail { get; }

    /// <summary>The message: the tensor's name and the detail clipped (<see cref="MessageText"/>), so it stays a line or two.</summary>
    private static string Format(string file, string? tensorName, string detail) =>
        tensorName is null
            ? $"{file}: {MessageText.Clip(detail, MessageText.MaxDetailLength)}"
            : $"{file}: tensor '{MessageText.Clip(tensorName)}': {MessageText.Clip(detail, MessageText.MaxDetailLength)}";
}
