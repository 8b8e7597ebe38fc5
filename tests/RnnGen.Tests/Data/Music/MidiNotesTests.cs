using System;
using System.Linq;
using RnnGen.Data.Music;
using Xunit;

namespace RnnGen.Tests.Data.Music;

/// <summary>Counting the notes of hand-made MIDI files.</summary>
public sealed class MidiNotesTests
{
    private static readonly byte[] Header = [.. "MThd"u8, 0, 0, 0, 6, 0, 1, 0, 2, 0x01, 0xE0];

    private static byte[] Track(params byte[] events) =>
        [.. "MTrk"u8, 0, 0, (byte)(events.Length >> 8), (byte)events.Length, .. events];

    [Fact]
    public void Sounding_note_ons_are_counted_with_running_status_and_meta_and_sysex_events_skipped()
    {
        byte[] file =
        [
            .. Header,
            // A tempo track: a track name (meta 03, 4 bytes), a tempo (meta 51), the end of track.
            .. Track(0x00, 0xFF, 0x03, 0x04, (byte)'t', (byte)'u', (byte)'n', (byte)'e', 0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20, 0x00, 0xFF, 0x2F, 0x00),
            .. Track(
                0x00, 0xC0, 0x05,                 // program change: one data byte
                0x00, 0x90, 0x3C, 0x69,           // note on C4
                0x81, 0x6F, 0x3C, 0x00,           // (two-byte delta) running status: note on, velocity 0 = note off
                0x00, 0xF0, 0x02, 0x7E, 0xF7,     // a system-exclusive event
                0x01, 0x90, 0x3E, 0x50,           // note on D4 (the sysex event cancelled running status)
                0x00, 0x90, 0x40, 0x50,           // note on E4
                0x10, 0x80, 0x40, 0x00,           // note off
                0x00, 0xFF, 0x2F, 0x00),
        ];
        Assert.Equal(3, MidiNotes.Count(file));
    }

    [Fact]
    public void A_file_of_meta_events_only_has_no_notes()
    {
        byte[] file = [.. Header, .. Track(0x00, 0xFF, 0x2F, 0x00), .. Track(0x00, 0xFF, 0x2F, 0x00)];
        Assert.Equal(0, MidiNotes.Count(file));
    }

    [Fact]
    public void Truncated_and_foreign_files_are_refused()
    {
        Assert.Throws<FormatException>(() => MidiNotes.Count("RIFF0000WAVEfmt "u8));
        byte[] file = [.. Header, .. Track(0x00, 0x90, 0x3C, 0x69)];
        Assert.Throws<FormatException>(() => MidiNotes.Count(file.Take(file.Length - 1).ToArray()));
        Assert.Throws<FormatException>(() => MidiNotes.Count([.. Header, .. Track(0x00, 0x3C, 0x69)])); // no status yet
        // A meta event cancels running status: the data bytes after it have none.
        Assert.Throws<FormatException>(() => MidiNotes.Count([.. Header, .. Track(0x00, 0x90, 0x3C, 0x69, 0x00, 0xFF, 0x2F, 0x00, 0x00, 0x3C, 0x00)]));
    }
}
