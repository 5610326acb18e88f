#include "synthetic/task_families.h"

#include <algorithm>
#include <cmath>

namespace routescope {

namespace {

const std::vector<std::string> kPeople = {"Maya", "Tom", "Priya", "Lucas", "Amara", "Jonas", "Keiko", "Diego",
                                          "Fatima", "Oliver", "Ines", "Samuel", "Leila", "Hugo", "Nadia", "Ravi"};

std::vector<TaskFamily> makeFamilies()
{
    std::vector<TaskFamily> families;

    TaskFamily math;
    math.evalName = "math-word-problems";
    math.weight = 0.13;
    math.meanDifficulty = 0.4;
    math.shots = 1;
    math.openings = {"$p has $N $w.", "A bakery sells $w in boxes of $n.", "$p saves $n dollars every week for $w.",
                     "A farmer collects $N $w each morning."};
    math.steps = {"Then $p buys $n more packs of $w with $n in each pack.", "$p gives away $n $w to a friend.",
                  "Each $w costs $n dollars, and the price rises by $h.", "Half of the $w are sold at noon.",
                  "$p splits the $w equally among $n classmates, noting the $h.",
                  "The shop adds a $h of $n percent on the total.", "After $n days the count of $w doubles."};
    math.questions = {"How many $w does $p have now?", "How many dollars are left in total?",
                      "What is the total number of $w at the end?", "How much money does $p earn in all?"};
    math.common = {"apples", "marbles", "stickers", "cookies", "pencils", "eggs", "muffins", "tickets", "cupcakes",
                   "crayons", "lemons", "beads"};
    math.hard = {"compound interest", "weighted average", "remainder", "proportional discount", "quarterly rebate",
                 "sales tax", "hourly wage", "unit rate"};
    math.instruction = "Solve step by step and write the final number after ####.";
    math.answer = TaskFamily::Answer::Value;
    math.responseTokens = 60;
    families.push_back(math);

    TaskFamily code;
    code.evalName = "python-coding";
    code.weight = 0.09;
    code.meanDifficulty = 0.6;
    code.openings = {"def $w_items(values):\n    \"\"\"Return the $w of a list of integers.\"\"\"",
                     "def count_$w(text):\n    \"\"\"Count each $w in a string and return a dict.\"\"\"",
                     "def merge_$w(left, right):\n    \"\"\"Merge two sorted lists of $w.\"\"\""};
    code.steps = {"    # The input may be empty; raise ValueError for None.", "    # Use a $h to keep it fast.",
                  "    # Handle negative integers and duplicates in the $w.",
                  "    # The solution must run in O(n log n) using $h.", "    # Keep the original $w order stable.",
                  "    # Support a keyword argument `key` like sorted() and a $h."};
    code.questions = {"    >>> $w_items([$n, $n, $n])", "    >>> count_$w('$w $w')"};
    code.common = {"tokens", "indices", "tuples", "dictionary", "iterator", "slices", "prefixes", "suffixes",
                   "buckets", "keys"};
    code.hard = {"memoization", "binary heap", "trie", "segment tree", "dynamic programming", "bitmask",
                 "union find", "generator expression"};
    code.answers = {"return sorted(values)", "return {k: text.count(k) for k in set(text.split())}",
                    "return list(heapq.merge(left, right))", "return sum(values) // len(values)",
                    "return [v for v in values if v % 2 == 0]"};
    code.instruction = "Complete the Python function body; reply with code only.";
    code.answer = TaskFamily::Answer::Value;
    code.responseTokens = 70;
    families.push_back(code);

    TaskFamily science;
    science.evalName = "science-qa";
    science.weight = 0.14;
    science.meanDifficulty = -0.3;
    science.shots = 3;
    science.openings = {"A student places a $w near a magnet.", "A class measures how fast $w cools in sunlight.",
                        "Plants in a greenhouse receive extra $w.", "A geologist studies layers of $w."};
    science.steps = {"The experiment is repeated with $h.", "The temperature is recorded every $n minutes.",
                     "The results depend on $h in the sample.", "A second group uses $w instead."};
    science.questions = {"Which property of the $w most likely changed?", "What best explains the result?",
                         "Which energy transfer happens in the $w?"};
    science.options = {"the $w absorbs energy", "gravity pulls the $w", "the $w evaporates", "friction heats the $w",
                       "the $h increases"};
    science.common = {"water", "sediment", "granite", "copper wire", "seedlings", "ice", "iron filings", "soil",
                      "chlorophyll", "pendulum"};
    science.hard = {"isotopes", "entropy", "mitochondria", "catalysts", "tectonic subduction", "electronegativity",
                    "adiabatic expansion", "allele frequency"};
    science.instruction = "Science question: print only a single choice from \"A\" or \"B\" or \"C\" or \"D\".";
    science.responseTokens = 12;
    families.push_back(science);

    TaskFamily commonsense;
    commonsense.evalName = "commonsense";
    commonsense.weight = 0.17;
    commonsense.meanDifficulty = -0.2;
    commonsense.openings = {"$p is making a sandwich in the kitchen.", "$p waits at the bus stop as it starts to rain.",
                            "$p's neighbor knocks on the door holding a $w.", "At the park, $p ties a $w."};
    commonsense.steps = {"$p $h looks at the $w.", "The $w falls on the floor.", "$p opens an umbrella.",
                         "A dog barks at the $w, and $p laughs $h."};
    commonsense.questions = {"What happens next?", "What does $p most likely do?"};
    commonsense.options = {"$p picks up the $w", "$p eats the $w", "$p $h ignores everyone", "$p puts the $w away",
                           "$p runs home"};
    commonsense.common = {"towel", "sandwich", "backpack", "shoelace", "kite", "blanket", "mug", "doorbell", "jacket",
                          "skateboard"};
    commonsense.hard = {"reluctantly", "sheepishly", "absentmindedly", "begrudgingly", "nonchalantly",
                        "inadvertently"};
    commonsense.instruction = "Pick the most plausible ending (A, B, C or D).";
    commonsense.responseTokens = 10;
    families.push_back(commonsense);

    TaskFamily reading;
    reading.evalName = "reading-comprehension";
    reading.weight = 0.14;
    reading.meanDifficulty = 0.1;
    reading.openings = {"Passage: The harbor town held its lantern festival each autumn.",
                        "Passage: The old merchant kept every letter in a cedar chest.",
                        "Passage: When the mill closed, the village $w changed."};
    reading.steps = {"The $w of the mayor was, $h, the subject of gossip.",
                     "Her granddaughter read the letters aloud by the $w.",
                     "The fishermen's $w, though $h, lasted for generations.",
                     "Nobody remembered why the $w had been painted blue.",
                     "The chronicle describes the $w with $h."};
    reading.questions = {"According to the passage, why did the $w matter?",
                         "Which statement does the passage support about the $w?"};
    reading.options = {"the $w was a family secret", "the $w brought the town together",
                       "the $w was soon forgotten", "the $w reflected $h"};
    reading.common = {"lanterns", "chronicle", "harbor", "orchard", "lighthouse", "ledger", "tapestry", "chapel"};
    reading.hard = {"melancholy", "ostensibly", "notwithstanding", "juxtaposition", "ambivalence", "provenance",
                    "ephemeral"};
    reading.instruction = "Answer from the passage with one letter.";
    reading.responseTokens = 16;
    families.push_back(reading);

    TaskFamily translation;
    translation.evalName = "translation";
    translation.weight = 0.09;
    translation.meanDifficulty = 0.0;
    translation.openings = {"Translate into French:", "Translate into German:", "Translate into Spanish:"};
    translation.steps = {"My brother walks to the $w every morning.", "The weather near the $w is lovely today.",
                         "We had breakfast at the $w before the train left.", "It's raining $h.",
                         "She said the $w was $h."};
    translation.questions = {"Keep the tone informal.", "Keep proper nouns unchanged."};
    translation.common = {"train station", "garden", "bakery", "library", "museum", "post office", "market"};
    translation.hard = {"cats and dogs", "a piece of cake", "beyond the pale", "under the weather",
                        "once in a blue moon"};
    translation.answers = {"Mon frère va à la gare chaque matin.", "Mein Bruder geht jeden Morgen zum Bahnhof.",
                           "Hace buen tiempo cerca del jardín.", "Nous avons déjeuné à la boulangerie.",
                           "Il pleut des cordes.", "Das Museum öffnet um neun Uhr."};
    translation.instruction = "Translation only, no explanation.";
    translation.answer = TaskFamily::Answer::Value;
    translation.responseTokens = 18;
    families.push_back(translation);

    TaskFamily trivia;
    trivia.evalName = "trivia";
    trivia.weight = 0.14;
    trivia.meanDifficulty = 0.0;
    trivia.openings = {"Trivia: which capital lies on the $w?", "Trivia: which composer wrote a famous $w?",
                       "Trivia: which country won the Olympic $w?"};
    trivia.steps = {"Hint: it was founded in the $n th century.", "Hint: think of $h.",
                    "Hint: its flag shows a $w."};
    trivia.questions = {"Give the name only."};
    trivia.common = {"river", "symphony", "gold medal", "island", "cathedral", "opera", "strait", "volcano"};
    trivia.hard = {"Ouagadougou", "Kiribati", "Hindemith", "Nauru", "Tegucigalpa", "Sibelius", "Bhutan"};
    trivia.answers = {"Budapest", "Vienna", "Beethoven", "Norway", "Lisbon", "Ottawa", "Verdi", "Kenya", "Canberra"};
    trivia.instruction = "Answer with the name, nothing else.";
    trivia.answer = TaskFamily::Answer::Value;
    trivia.responseTokens = 8;
    families.push_back(trivia);

    TaskFamily logic;
    logic.evalName = "logic-puzzles";
    logic.weight = 0.10;
    logic.meanDifficulty = 0.5;
    logic.openings = {"Premise: every knight tells the truth and every knave lies.",
                      "Premise: all $w are zorbs, and some zorbs are quibbles.",
                      "Premise: if a gadget is a $w, then it is a widget."};
    logic.steps = {"Premise: $p says that $p is a knave.", "Premise: no widget is a $w unless $h holds.",
                   "Premise: exactly $n of the $w are zorbs.", "Premise: the $h of the previous rule is false."};
    logic.questions = {"Conclusion: some $w are quibbles.", "Conclusion: $p is a knight."};
    logic.common = {"bloops", "razzies", "gadgets", "lumps", "tinkers", "wombles"};
    logic.hard = {"contrapositive", "biconditional", "syllogism", "converse", "disjunction", "vacuous truth"};
    logic.answers = {"True", "False", "Unknown"};
    logic.instruction = "Does the conclusion follow? Reply True, False or Unknown.";
    logic.answer = TaskFamily::Answer::Value;
    logic.responseTokens = 26;
    families.push_back(logic);

    return families;
}

// A common word of the topic: word i belongs to topic i % kTopicsPerFamily.
const std::string& commonWord(const TaskFamily& family, int topic, Random& random)
{
    if (topic < 0)
        return random.pick(family.common);
    const std::size_t count = (family.common.size() - static_cast<std::size_t>(topic) + kTopicsPerFamily - 1) /
                              kTopicsPerFamily;
    return family.common[static_cast<std::size_t>(topic) + kTopicsPerFamily * random.below(count)];
}

std::string choiceLetter(std::uint64_t index) { return std::string(1, static_cast<char>('A' + index)); }

// One solved or unsolved item: opening, steps, question, options, instruction.
SyntheticPrompt composeItem(const TaskFamily& family, double relativeDifficulty, int topic, Random& random)
{
    const double hardShare = 0.7 / (1.0 + std::exp(-1.0 * (relativeDifficulty - 0.5)));
    const int steps = std::clamp(static_cast<int>(std::lround(1.5 + 0.5 * relativeDifficulty + 0.6 * random.normal())), 0, 7);

    SyntheticPrompt item;
    item.steps = steps;
    item.text = fillTemplate(family, random.pick(family.openings), hardShare, topic, random);
    for (int i = 0; i < steps; ++i) {
        item.text += family.evalName == "python-coding" ? '\n' : ' ';
        item.text += fillTemplate(family, random.pick(family.steps), hardShare, topic, random);
    }
    item.text += '\n';
    item.text += fillTemplate(family, random.pick(family.questions), hardShare, topic, random);
    if (family.answer == TaskFamily::Answer::Choice) {
        for (std::uint64_t letter = 0; letter < 4; ++letter) {
            item.text += '\n';
            item.text += choiceLetter(letter);
            item.text += ") ";
            item.text += fillTemplate(family, random.pick(family.options), hardShare, topic, random);
        }
        item.answer = choiceLetter(random.below(4));
    } else if (family.answers.empty()) {
        item.answer = std::to_string(random.between(2, 999));
    } else {
        item.answer = random.pick(family.answers);
    }
    item.text += '\n';
    item.text += family.instruction;
    item.text += "\nAnswer:";
    return item;
}

} // namespace

const std::vector<TaskFamily>& syntheticTaskFamilies()
{
    static const std::vector<TaskFamily> families = makeFamilies();
    return families;
}

std::string fillTemplate(const TaskFamily& family, std::string_view pattern, double hardShare, int topic,
                         Random& random)
{
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '$' || i + 1 == pattern.size()) {
            out += pattern[i];
            continue;
        }
        switch (pattern[++i]) {
        case 'p': out += random.pick(kPeople); break;
        case 'n': out += std::to_string(random.between(2, 20)); break;
        case 'N': out += std::to_string(random.between(20, 500)); break;
        case 'w': out += commonWord(family, topic, random); break;
        case 'h': out += random.bernoulli(hardShare) ? random.pick(family.hard) : commonWord(family, topic, random); break;
        default: out += '$'; out += pattern[i]; break;
        }
    }
    return out;
}

SyntheticPrompt composePrompt(const TaskFamily& family, double relativeDifficulty, int topic, Random& random)
{
    std::string examples;
    for (int shot = 0; shot < family.shots; ++shot) {
        const SyntheticPrompt example = composeItem(family, -1.0, topic, random);
        examples += example.text;
        examples += '\n';
        examples += example.answer;
        examples += "\n\n";
    }
    SyntheticPrompt query = composeItem(family, relativeDifficulty, topic, random);
    query.text = examples + query.text;
    return query;
}

std::string wrongAnswer(const TaskFamily& family, const std::string& right, Random& random)
{
    if (family.answer == TaskFamily::Answer::Choice)
        return choiceLetter((static_cast<std::uint64_t>(right[0] - 'A') + 1 + random.below(3)) % 4);
    if (family.answers.empty())
        return std::to_string(std::stoi(right) + random.between(1, 40));
    std::string wrong = random.pick(family.answers);
    return wrong == right ? std::string("I am not sure.") : wrong;
}

} // namespace routescope
