using System;
using System.Collections.Frozen;

namespace RnnGen.Data.Names;

/// <summary>
/// Words that the given-name lists hold but that in the Brown corpus name something other than a person: months
/// (tagged <c>np</c> in Brown), weekdays (tagged <c>nr</c>, listed in case a file tags one <c>np</c>), places, and a
/// few other things. They never start a name by the given-name part of the rule, and a surname alone is never
/// labelled by the same-document part when it is one of these. After a title they are still a name ("Mrs. June
/// Allyson", "Judge Austin"): the title part does not consult this list.
/// </summary>
/// <remarks>
/// The places were chosen by reading the most frequent given-name matches of the corpus's proper nouns (see
/// docs/data.md): the US states and the countries, continents and cities among them. Names that are as often a
/// person as a place ("Lincoln", "Florence", "Victoria", "Cleveland") stay given names; "Washington", far more often the
/// city or the state than a person in this corpus, is a place here ("George Washington" is still a name, by
/// "George"). The hand check measures what these choices cost.
/// </remarks>
public static class NotPersonNames
{
    /// <summary>Every such word, as the corpus spells it.</summary>
    public static FrozenSet<string> All { get; } = FrozenSet.Create(StringComparer.Ordinal,
    [
        // months and weekdays
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        // US states (and the halves of the two-word ones the lists hold)
        "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
        "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
        "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
        "Nevada", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Tennessee", "Texas", "Utah", "Vermont", "Virginia",
        "Washington", "Wisconsin", "Wyoming", "Carolina", "Dakota", "Jersey",
        // countries, continents and regions
        "America", "Africa", "Asia", "Europe", "India", "China", "Israel", "Jordan", "Kenya", "Chad", "Ireland",
        "Erin", "Italia", "Lebanon", "Cuba", "Berlin",
        // cities
        "York", "Dallas", "Atlanta", "Austin", "Denver", "Salem", "Geneva", "Richmond", "Trenton", "Kingston",
        "Augusta", "Wilmette", "Houston", "Paris", "Moscow", "Savannah", "Phoenix", "Memphis", "Boston", "Bari",
        // other things
        "Christian", "Easter", "Christmas", "Yale", "Yankee", "Yankees", "Yorker", "Eden", "Venus",
    ]);

    /// <summary>Whether <paramref name="word"/> (a possessive "'s" ignored) is one of them.</summary>
    public static bool Contains(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return All.Contains(NameForms.StripPossessive(word));
    }
}
