using System;
using System.Buffers.Binary;

namespace RnnGen.Data.Music;

/// <summary>
/// Counts the notes of a Standard MIDI File (format 0 or 1): the note-on events with a velocity above 0 in its
/// <c>MTrk</c> chunks, read with running status, meta events (<c>FF</c>) and system-exclusive events (<c>F0</c>,
/// <c>F7</c>) skipped by their lengths (both cancel running status, as the Standard MIDI File specification says). What tells a tune abc2midi turned into sound from one it turned into an empty file.
/// </summary>
public static class MidiNotes
{
    /// <summary>The number of sounding note-on events.</summary>
    /// <exception cref="FormatException">The bytes are not a MIDI file, or a chunk or event runs past its end.</exception>
    public static int Count(ReadOnlySpan<byte> file)
    {
        if (file.Length < 14 || !file[..4].SequenceEqual("MThd"u8)) throw new FormatException("Not a MIDI file: it does not start with an MThd chunk.");
        int at = 8 + Length(file, 4);
        int notes = 0;
        while (at + 8 <= file.Length)
        {
            int length = Length(file, at + 4);
            int end = at + 8 + length;
            if (end > file.Length) throw new FormatException(FormattableString.Invariant($"The chunk at byte {at} runs past the end of the file."));
            if (file.Slice(at, 4).SequenceEqual("MTrk"u8)) notes += TrackNotes(file[(at + 8)..end], at + 8);
            at = end;
        }
        return notes;
    }

    private static int TrackNotes(ReadOnlySpan<byte> track, int offset)
    {
        int notes = 0, i = 0;
        byte status = 0;
        while (i < track.Length)
        {
            ReadVariable(track, ref i, offset);                         // delta time
            if (i >= track.Length) throw Past(offset + i);
            byte b = track[i];
            if (b == 0xFF)
            {
                i += 2;                                                 // FF, type
                int length = ReadVariable(track, ref i, offset);
                i += length;
                status = 0;
                continue;
            }
            if (b is 0xF0 or 0xF7)
            {
                i++;
                int length = ReadVariable(track, ref i, offset);
                i += length;
                status = 0;
                continue;
            }
            if (b >= 0x80) { status = b; i++; }
            else if (status == 0) throw new FormatException(FormattableString.Invariant($"A data byte at byte {offset + i} has no running status before it."));
            int kind = status >> 4;
            int data = kind is 0xC or 0xD ? 1 : 2;
            if (i + data > track.Length) throw Past(offset + i);
            if (kind == 0x9 && track[i + 1] > 0) notes++;
            i += data;
        }
        if (i > track.Length) throw Past(offset + i);
        return notes;
    }

    private static int ReadVariable(ReadOnlySpan<byte> track, ref int i, int offset)
    {
        int value = 0;
        for (int k = 0; k < 4; k++)
        {
            if (i >= track.Length) throw Past(offset + i);
            byte b = track[i++];
            value = (value << 7) | (b & 0x7F);
            if (b < 0x80) return value;
        }
        throw new FormatException(FormattableString.Invariant($"A variable-length number at byte {offset + i - 4} is longer than 4 bytes."));
    }

    private static int Length(ReadOnlySpan<byte> file, int at)
    {
        if (at + 4 > file.Length) throw Past(at);
        uint length = BinaryPrimitives.ReadUInt32BigEndian(file[at..]);
        if (length > int.MaxValue) throw new FormatException(FormattableString.Invariant($"The chunk length at byte {at} is too large."));
        return (int)length;
    }

    private static FormatException Past(int at) => new(FormattableString.Invariant($"An event at byte {at} runs past the end of its track."));
}
