#pragma once
// The task families of the synthetic routing benchmark: each has its own vocabulary, so a
// bag-of-words featurizer can tell the tasks apart, and harder queries read longer and rarer.

#include "util/random.h"

#include <string>
#include <string_view>
#include <vector>

namespace routescope {

struct TaskFamily {
    enum class Answer { Choice, Value }; // a letter A-D, or one of `answers`

    std::string evalName;
    double weight = 1;            // share of the queries
    double meanDifficulty = 0;    // logit units, against the models' abilities
    int shots = 0;                // solved examples before the query, as in RouterBench prompts
    std::vector<std::string> openings, steps, questions, options; // templates with $p $n $N $w $h
    std::vector<std::string> common, hard; // $w draws common words; $h a hard one, more often when difficult
    std::vector<std::string> answers;
    std::string instruction;      // closes every query of the family
    Answer answer = Answer::Choice;
    double responseTokens = 30;   // typical length of a full response
};

const std::vector<TaskFamily>& syntheticTaskFamilies();

// Each family's queries fall into topics, each with its own share of the common words (word i
// belongs to topic i % kTopicsPerFamily), so similar prompts tend to share a topic; the generator
// ties which models do well to the topic.
constexpr int kTopicsPerFamily = 4;

struct SyntheticPrompt {
    std::string text;
    std::string answer; // the right answer
    int steps = 0;      // reasoning steps in the query, grows with difficulty
};

// relativeDifficulty: the query's difficulty minus the family mean, in logit units; topic in
// [0, kTopicsPerFamily): the solved examples and the query draw their common words from it.
SyntheticPrompt composePrompt(const TaskFamily& family, double relativeDifficulty, int topic, Random& random);

// Fills $p (person), $n (2-20), $N (20-500), $w (common word of the topic, any topic if topic < 0),
// $h (hard word with probability hardShare).
std::string fillTemplate(const TaskFamily& family, std::string_view pattern, double hardShare, int topic,
                         Random& random);

// A wrong answer of the family's kind, different from `right`.
std::string wrongAnswer(const TaskFamily& family, const std::string& right, Random& random);

} // namespace routescope
