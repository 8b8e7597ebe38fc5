using System;

namespace RnnGen.Audio;

/// <summary>
/// A WAV file that cannot be read as the front end's audio: it is missing or unreadable, its RIFF layout is malformed
/// or truncated, or it holds something other than 16-bit PCM mono (a float or compressed format tag, another bit depth,
/// several channels, another sample rate than asked for).
/// </summary>
/// <remarks>The message always starts with the file: <c>{file}: {what}</c>.</remarks>
public sealed class WavFormatException : Exception
{
    /// <summary>Creates an exception about a file.</summary>
    /// <param name="file">The file's path, or the name its bytes were parsed under.</param>
    /// <param name="detail">What is wrong, without the file's name.</param>
    public WavFormatException(string file, string detail)
        : this(file, detail, null)
    {
    }

    /// <summary>Creates an exception caused by another one (an I/O error).</summary>
    /// <param name="file">The file's path, or the name its bytes were parsed under.</param>
    /// <param name="detail">What is wrong, without the file's name.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public WavFormatException(string file, string detail, Exception? innerException)
        : base($"{file}: {detail}", innerException)
    {
        File = file;
        Detail = detail;
    }

    /// <summary>The file's path, or the name its bytes were parsed under.</summary>
    public string File { get; }

    /// <summary>What is wrong, without the file's name.</summary>
    public string Detail { get; }
}
