#include "synthetic/routing_benchmark_generator.h"

#include "synthetic/python_literals.h"
#include "util/random.h"
#include "synthetic/task_families.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <ostream>

namespace routescope {

namespace {

constexpr int kModels = 11;
constexpr int kTasks = 8;

// Model traits, in routerBenchModels() order. Abilities are logits per task, in
// syntheticTaskFamilies() order: math, code, science, commonsense, reading, translation, trivia, logic.
struct ModelTraits {
    int lab;            // models of one lab share per-query luck: their errors are correlated
    double verbosity;   // response length relative to the task's typical length
    bool trailingNewline; // hosted open models end their answers with "\n", as in RouterBench
    std::array<double, kTasks> ability;
};

const std::array<ModelTraits, kModels> kTraits = {{
    {0, 0.9, false, {1.3, 1.3, 1.7, 1.2, 1.5, 1.5, 1.3, 0.7}}, // gpt-3.5-turbo-1106
    {1, 1.0, false, {1.0, 1.0, 1.8, 1.4, 1.9, 1.6, 1.4, 0.7}}, // claude-instant-v1
    {1, 1.2, false, {1.1, 1.0, 1.9, 1.3, 1.8, 1.5, 1.6, 0.8}}, // claude-v1
    {1, 1.3, false, {1.0, 1.1, 1.6, 0.8, 1.9, 1.6, 1.5, 0.8}}, // claude-v2
    {0, 1.3, false, {2.2, 2.2, 2.3, 1.8, 2.1, 1.9, 2.2, 1.8}}, // gpt-4-1106-preview
    {2, 1.6, true, {0.6, 0.4, 1.5, 1.4, 1.4, 1.2, 2.2, 0.4}},  // meta/llama-2-70b-chat: trivia
    {3, 1.1, true, {1.8, 1.3, 1.9, 1.4, 1.6, 1.5, 1.3, 1.1}},  // mistralai/mixtral-8x7b-chat: math
    {4, 1.2, false, {1.0, 0.8, 2.2, 1.3, 2.4, 1.1, 1.4, 0.9}}, // zero-one-ai/Yi-34B-Chat: reading, science
    {2, 1.1, false, {-0.3, -0.4, 0.3, 1.6, 0.3, 0.0, 0.2, -0.4}}, // WizardLM/WizardLM-13B-V1.2: commonsense
    {2, 1.0, true, {-0.4, 2.4, 0.0, -0.1, -0.1, -0.4, -0.2, 0.0}}, // meta/code-llama-instruct-34b-chat: code
    {3, 1.2, true, {-0.5, -0.4, 0.1, 0.4, 0.1, 1.5, -0.1, -0.4}}, // mistralai/mistral-7b-chat: translation
}};
constexpr int kLabs = 5;

constexpr double kSharpness = 1.2;     // how sharply ability minus difficulty decides correctness
constexpr double kDifficultySpread = 1.6;
constexpr double kDifficultyOffset = 1.0;  // shifts every task; sets the overall accuracy
constexpr double kLabLuck = 0.9;       // spread of the per-query luck a lab's models share
constexpr double kTopicSkill = 1.1;    // spread of a model's ability from topic to topic of a task

const std::array<std::string, kModels> kOpeners = {
    "Let's work through this.", "Here is my answer.", "I'll reason about this carefully.",
    "Let me think about this step by step.", "Let's break the problem down step by step.",
    "Sure! I'd be happy to help you with that.", "Let me explain.", "Okay, let me analyse the question.",
    "Sure, here is the solution.", "Here is what I think.", "Alright, let's see.",
};

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

using TopicSkill = std::array<std::array<std::array<double, kModels>, kTopicsPerFamily>, kTasks>;

// How much better or worse than its ability on the task each model does on each topic, in units
// of kTopicSkill: drawn once from a fixed seed, so every seed's sample lives in the same world;
// centred over a task's topics, so the abilities above stay each model's mean on the task.
const TopicSkill& topicSkill()
{
    static const TopicSkill table = [] {
        TopicSkill skill{};
        Random random(mixSeed(0x5c111));
        double square = 0;
        for (auto& task : skill) {
            for (auto& topic : task)
                for (double& s : topic)
                    s = random.normal();
            for (std::size_t m = 0; m < kModels; ++m) {
                double mean = 0;
                for (const auto& topic : task)
                    mean += topic[m] / kTopicsPerFamily;
                for (auto& topic : task) {
                    topic[m] -= mean;
                    square += topic[m] * topic[m];
                }
            }
        }
        const double scale = 1.0 / std::sqrt(square / (kTasks * kTopicsPerFamily * kModels));
        for (auto& task : skill)
            for (auto& topic : task)
                for (double& s : topic)
                    s *= scale;
        return skill;
    }();
    return table;
}

void appendCell(std::string& row, std::string_view text)
{
    row += ',';
    row += csvField(text);
}

int pickFamily(Random& random, const std::vector<TaskFamily>& families)
{
    double u = random.uniform() * std::accumulate(families.begin(), families.end(), 0.0,
                                                  [](double s, const TaskFamily& f) { return s + f.weight; });
    for (std::size_t t = 0; t + 1 < families.size(); ++t) {
        if (u < families[t].weight)
            return static_cast<int>(t);
        u -= families[t].weight;
    }
    return static_cast<int>(families.size()) - 1;
}

// The response text: the final answer alone, or reasoning in the task's words up to ~4 chars per token.
std::string responseText(int model, const TaskFamily& family, const std::string& answer, long tokens, bool full,
                         Random& random)
{
    std::string text;
    if (full) {
        text = kOpeners[static_cast<std::size_t>(model)];
        const auto target = static_cast<std::size_t>(4 * tokens) - std::min<std::size_t>(4 * tokens, answer.size() + 16);
        while (text.size() < target) {
            text += ' ';
            text += fillTemplate(family, random.pick(family.steps), 0.3, -1, random);
        }
        text += "\nThe answer is ";
    }
    text += answer;
    if (kTraits[static_cast<std::size_t>(model)].trailingNewline)
        text += "\n";
    return text;
}

} // namespace

const std::vector<PricedModel>& routerBenchModels()
{
    static const std::vector<PricedModel> models = {
        {"gpt-3.5-turbo-1106", 1, 2},
        {"claude-instant-v1", 0.8, 2.4},
        {"claude-v1", 8, 24},
        {"claude-v2", 8, 24},
        {"gpt-4-1106-preview", 10, 30},
        {"meta/llama-2-70b-chat", 0.9, 0.9},
        {"mistralai/mixtral-8x7b-chat", 0.6, 0.6},
        {"zero-one-ai/Yi-34B-Chat", 0.8, 0.8},
        {"WizardLM/WizardLM-13B-V1.2", 0.3, 0.3},
        {"meta/code-llama-instruct-34b-chat", 0.776, 0.776},
        {"mistralai/mistral-7b-chat", 0.2, 0.2},
    };
    return models;
}

SyntheticBenchmarkSummary writeSyntheticRouterBench(std::ostream& out, const SyntheticBenchmarkOptions& options,
                                                    const JobControl& job)
{
    const auto& models = routerBenchModels();
    const auto& families = syntheticTaskFamilies();
    using Responses = SyntheticBenchmarkOptions::Responses;

    // Score columns are sorted by name, as in RouterBench; the other columns keep the model order.
    std::array<int, kModels> scoreOrder;
    std::iota(scoreOrder.begin(), scoreOrder.end(), 0);
    std::sort(scoreOrder.begin(), scoreOrder.end(), [&](int a, int b) { return models[a].name < models[b].name; });

    std::string header = ",sample_id,prompt,eval_name";
    for (const int m : scoreOrder)
        header += ',' + csvField(models[m].name);
    if (options.responses != Responses::None)
        for (const auto& model : models)
            header += ',' + csvField(model.name + "|model_response");
    for (const auto& model : models)
        header += ',' + csvField(model.name + "|total_cost");
    header += ",oracle_model_to_route_to\n";
    out << header;

    // Scores and costs come from one stream and response texts from another, so every
    // Responses setting gives the same scores and costs for a seed.
    Random world(mixSeed(options.seed));
    Random texts(mixSeed(options.seed ^ 0x5e5f0a5e5f0a5e5fULL));
    std::vector<std::int64_t> perTask(families.size(), 0);
    SyntheticBenchmarkSummary summary;
    std::int64_t ties = 0;
    std::string row;

    for (std::int64_t n = 0; n < options.queries; ++n) {
        if (n % 1024 == 0) {
            job.throwIfCancelled();
            job.report(static_cast<double>(n) / static_cast<double>(options.queries),
                       "query " + std::to_string(n) + "/" + std::to_string(options.queries));
        }
        const int task = pickFamily(world, families);
        const TaskFamily& family = families[static_cast<std::size_t>(task)];
        const double relative = kDifficultySpread * world.normal();
        const int topic = static_cast<int>(world.below(kTopicsPerFamily));
        const SyntheticPrompt prompt = composePrompt(family, relative, topic, world);
        const double difficulty = kDifficultyOffset + family.meanDifficulty + relative;
        const long promptTokens = static_cast<long>((prompt.text.size() + 3) / 4);

        const auto& topicShift = topicSkill()[static_cast<std::size_t>(task)][static_cast<std::size_t>(topic)];
        std::array<double, kLabs> luck;
        for (double& l : luck)
            l = kLabLuck * world.normal();
        std::array<bool, kModels> correct;
        std::array<long, kModels> responseTokens;
        std::array<double, kModels> cost;
        for (std::size_t m = 0; m < kModels; ++m) {
            const ModelTraits& traits = kTraits[m];
            const double skill = traits.ability[static_cast<std::size_t>(task)] + kTopicSkill * topicShift[m];
            correct[m] = world.bernoulli(sigmoid(kSharpness * (skill - difficulty) + luck[traits.lab]));
            const double length = family.responseTokens * traits.verbosity * (1.0 + 0.15 * prompt.steps) *
                                  std::exp(0.35 * world.normal());
            responseTokens[m] = std::max(1L, std::lround(length));
            cost[m] = (static_cast<double>(promptTokens) * models[m].inputPrice +
                       static_cast<double>(responseTokens[m]) * models[m].outputPrice) / 1e6;
        }

        const bool anyCorrect = std::find(correct.begin(), correct.end(), true) != correct.end();
        int oracle = -1;
        int atTop = 0;
        for (int m = 0; m < kModels; ++m) {
            if (correct[static_cast<std::size_t>(m)] != anyCorrect)
                continue;
            ++atTop;
            if (oracle < 0 || cost[static_cast<std::size_t>(m)] < cost[static_cast<std::size_t>(oracle)])
                oracle = m;
        }
        ties += atTop >= 2;

        const auto index = ++perTask[static_cast<std::size_t>(task)] - 1;
        row = std::to_string(n);
        appendCell(row, family.evalName + ".synthetic." + std::to_string(index));
        appendCell(row, pythonListRepr(prompt.text));
        appendCell(row, family.evalName);
        for (const int m : scoreOrder)
            row += correct[static_cast<std::size_t>(m)] ? ",1.0" : ",0.0";
        if (options.responses != Responses::None)
            for (int m = 0; m < kModels; ++m) {
                const std::size_t i = static_cast<std::size_t>(m);
                const std::string answer = correct[i] ? prompt.answer : wrongAnswer(family, prompt.answer, texts);
                appendCell(row, pythonListRepr(responseText(m, family, answer, responseTokens[i],
                                                            options.responses == Responses::Full, texts)));
            }
        for (const double c : cost)
            appendCell(row, pythonFloatRepr(c));
        appendCell(row, models[static_cast<std::size_t>(oracle)].name);
        row += '\n';
        out << row;
    }
    if (!out)
        throw std::runtime_error("could not write the synthetic benchmark");
    job.report(1.0, "done");
    summary.queries = options.queries;
    summary.topTieRate = options.queries ? static_cast<double>(ties) / static_cast<double>(options.queries) : 0.0;
    return summary;
}

} // namespace routescope
