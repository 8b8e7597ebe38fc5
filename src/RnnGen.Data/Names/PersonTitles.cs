using System;
using System.Collections.Frozen;

namespace RnnGen.Data.Names;

/// <summary>
/// The personal titles of the labelling rule: a run of proper nouns right after one of these (or starting with them)
/// is a person's name. Compared case-sensitively without a final period, so "Dr." and "Dr" are the same title and
/// "general" (lower case) is not one. The title itself is not part of the name: it is labelled O.
/// </summary>
/// <remarks>
/// Left out on purpose: "St." (Saint or Street: "St. Louis"), "Mt.", "Ft." (places), "M." (Monsieur or an initial),
/// and "Jr.", "Sr." (they follow a name and are part of it).
/// </remarks>
public static class PersonTitles
{
    /// <summary>Every title, without its period.</summary>
    public static FrozenSet<string> All { get; } = FrozenSet.Create(StringComparer.Ordinal,
    [
        // forms of address
        "Mr", "Mrs", "Miss", "Ms", "Messrs", "Mme", "Mlle", "Madame", "Mademoiselle", "Monsieur", "Herr", "Frau",
        "Fraulein", "Senor", "Senora", "Senorita", "Signor", "Signora", "Sir", "Dame", "Lady", "Lord",
        // professions
        "Dr", "Doctor", "Prof", "Professor", "Dean", "Coach", "Nurse", "Detective", "Inspector", "Sheriff", "Officer",
        // religion
        "Rev", "Reverend", "Father", "Fr", "Msgr", "Monsignor", "Bishop", "Archbishop", "Cardinal", "Pope", "Rabbi",
        "Pastor", "Brother", "Sister", "Mother",
        // government and law
        "President", "Pres", "Vice-President", "Gov", "Governor", "Sen", "Senator", "Rep", "Representative",
        "Congressman", "Congresswoman", "Judge", "Justice", "Mayor", "Secretary", "Ambassador", "Premier",
        "Chancellor", "Minister", "Chairman", "Commissioner", "Atty",
        // nobility
        "King", "Queen", "Prince", "Princess", "Duke", "Duchess", "Count", "Countess", "Baron", "Baroness",
        "Emperor", "Empress", "Czar", "Tsar", "Shah", "Sultan", "Kaiser",
        // military
        "Gen", "General", "Col", "Colonel", "Lt", "Lieut", "Lieutenant", "Maj", "Major", "Capt", "Captain", "Sgt",
        "Sergeant", "Cpl", "Corporal", "Pvt", "Private", "Adm", "Admiral", "Cmdr", "Comdr", "Commander", "Commodore",
        "Marshal", "Ensign",
        // family
        "Uncle", "Aunt", "Cousin", "Grandpa", "Grandma",
    ]);

    /// <summary>Whether <paramref name="word"/>, less one final period, is a title.</summary>
    public static bool IsTitle(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return All.Contains(word.EndsWith('.') ? word[..^1] : word);
    }
}
