// The synthetic RouterBench-format benchmark: reproducible bytes, RouterBench's columns and cell
// conventions, and the routing properties it is made to show (ties at the top, a strong but
// rarely necessary gpt-4, cheap specialists, task vocabularies a featurizer can separate).

#include "synthetic/python_literals.h"
#include "synthetic/routing_benchmark_generator.h"
#include "synthetic/task_families.h"
#include "test_support.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <regex>
#include <map>
#include <set>
#include <sstream>

using namespace routescope;

namespace {

using Responses = SyntheticBenchmarkOptions::Responses;
using Table = std::vector<std::vector<std::string>>;

std::string generate(std::uint64_t seed, std::int64_t queries, Responses responses)
{
    std::ostringstream out;
    writeSyntheticRouterBench(out, {seed, queries, responses});
    return out.str();
}

// A minimal RFC 4180 reader, independent of the project's importer.
Table readCsv(const std::string& text)
{
    Table rows(1);
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (quoted) {
            if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"')
                cell += text[++i];
            else if (ch == '"')
                quoted = false;
            else
                cell += ch;
        } else if (ch == '"') {
            quoted = true;
        } else if (ch == ',') {
            rows.back().push_back(std::move(cell));
            cell.clear();
        } else if (ch == '\n') {
            rows.back().push_back(std::move(cell));
            cell.clear();
            rows.emplace_back();
        } else {
            cell += ch;
        }
    }
    rows.pop_back(); // the empty row after the final newline
    return rows;
}

std::vector<std::string> lowercaseWords(const std::string& text)
{
    std::vector<std::string> words;
    std::string word;
    for (const char ch : text + " ") {
        if (std::isalpha(static_cast<unsigned char>(ch))) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        } else if (!word.empty()) {
            words.push_back(word);
            word.clear();
        }
    }
    return words;
}

// The parsed benchmark: scores and costs by model name, one entry per query.
struct Benchmark {
    std::vector<std::string> models;
    std::vector<std::string> tasks, prompts, oracles;
    std::map<std::string, std::vector<double>> score, cost;

    explicit Benchmark(const Table& table)
    {
        const auto& header = table[0];
        for (const auto& model : routerBenchModels())
            models.push_back(model.name);
        for (std::size_t r = 1; r < table.size(); ++r) {
            const auto& row = table[r];
            prompts.push_back(row[2]);
            tasks.push_back(row[3]);
            oracles.push_back(row.back());
            for (std::size_t c = 4; c < 15; ++c) // the score columns
                score[header[c]].push_back(std::stod(row[c]));
            for (std::size_t c = 15; c < header.size(); ++c)
                if (const auto bar = header[c].find('|'); bar != std::string::npos && header[c].substr(bar) == "|total_cost")
                    cost[header[c].substr(0, bar)].push_back(std::stod(row[c]));
        }
    }
    std::size_t size() const { return tasks.size(); }
    double meanScore(const std::string& model, const std::string& task = {}) const
    {
        double sum = 0;
        int n = 0;
        for (std::size_t q = 0; q < size(); ++q)
            if (task.empty() || tasks[q] == task) {
                sum += score.at(model)[q];
                ++n;
            }
        return sum / n;
    }
    int correctCount(std::size_t q) const
    {
        int n = 0;
        for (const auto& m : models)
            n += score.at(m)[q] == 1.0;
        return n;
    }
};

const std::string kGpt4 = "gpt-4-1106-preview";

// The topic whose common words (word i is topic i % kTopicsPerFamily's) a prompt holds most often,
// as whole words; -1 when it holds none.
int topicOf(const std::string& prompt, const std::string& task)
{
    const auto& families = syntheticTaskFamilies();
    const auto family = std::find_if(families.begin(), families.end(), [&](const TaskFamily& f) { return f.evalName == task; });
    if (family == families.end())
        return -1;
    std::vector<int> hits(kTopicsPerFamily, 0);
    for (std::size_t i = 0; i < family->common.size(); ++i) {
        const std::string& word = family->common[i];
        for (auto at = prompt.find(word); at != std::string::npos; at = prompt.find(word, at + 1)) {
            const std::size_t end = at + word.size();
            const bool whole = (at == 0 || !std::isalpha(static_cast<unsigned char>(prompt[at - 1]))) &&
                               (end == prompt.size() || !std::isalpha(static_cast<unsigned char>(prompt[end])));
            hits[i % kTopicsPerFamily] += whole;
        }
    }
    const auto best = std::max_element(hits.begin(), hits.end());
    return *best > 0 ? static_cast<int>(best - hits.begin()) : -1;
}

} // namespace

class TestSyntheticBenchmark : public QObject {
    Q_OBJECT

    const std::string full_ = generate(11, 600, Responses::Full);
    const Table table_ = readCsv(full_);
    const Benchmark bench_{table_};

private slots:
    void pythonReprsMatchPython()
    {
        // Expected values are what CPython 3 prints for repr(...).
        QCOMPARE(pythonStringRepr("Answer:\nB"), std::string("'Answer:\\nB'"));
        QCOMPARE(pythonStringRepr("it's"), std::string("\"it's\""));
        QCOMPARE(pythonStringRepr("say \"it's\""), std::string("'say \"it\\'s\"'"));
        QCOMPARE(pythonStringRepr("a\\b\tc"), std::string("'a\\\\b\\tc'"));
        QCOMPARE(pythonStringRepr("caf\xc3\xa9\x01"), std::string("'caf\xc3\xa9\\x01'"));
        QCOMPARE(pythonListRepr("D\n"), std::string("['D\\n']"));
        QCOMPARE(pythonFloatRepr(0.1 + 0.2), std::string("0.30000000000000004"));
        QCOMPARE(pythonFloatRepr(9.66e-05), std::string("9.66e-05"));
        QCOMPARE(pythonFloatRepr(0.0001), std::string("0.0001"));
        QCOMPARE(pythonFloatRepr(0.000532), std::string("0.000532"));
        QCOMPARE(pythonFloatRepr(123.0), std::string("123.0"));
        QCOMPARE(pythonFloatRepr(1e16), std::string("1e+16"));
        QCOMPARE(pythonFloatRepr(1.5e300), std::string("1.5e+300"));
        QCOMPARE(pythonFloatRepr(-2.5), std::string("-2.5"));
        QCOMPARE(pythonFloatRepr(0.0), std::string("0.0"));
        QCOMPARE(csvField("plain"), std::string("plain"));
        QCOMPARE(csvField("a,b"), std::string("\"a,b\""));
        QCOMPARE(csvField("['say \"hi\"']"), std::string("\"['say \"\"hi\"\"']\""));
    }

    void sameSeedSameBytes()
    {
        QCOMPARE(generate(11, 600, Responses::Full), full_);
        QVERIFY(generate(12, 600, Responses::Full) != full_);
        QVERIFY(generate(11, 600, Responses::Short) != full_);
    }

    void responseSettingKeepsScoresAndCosts()
    {
        const Table none = readCsv(generate(11, 600, Responses::None));
        const Table shortText = readCsv(generate(11, 600, Responses::Short));
        QCOMPARE(none.size(), table_.size());
        QCOMPARE(shortText[0], table_[0]);
        for (std::size_t r = 1; r < table_.size(); ++r) {
            const auto& fullRow = table_[r];
            // Full rows: 4 leading cells, 11 scores, 11 responses, 11 costs, oracle.
            std::vector<std::string> withoutResponses(fullRow.begin(), fullRow.begin() + 15);
            withoutResponses.insert(withoutResponses.end(), fullRow.begin() + 26, fullRow.end());
            QCOMPARE(none[r], withoutResponses);
            QVERIFY(std::equal(fullRow.begin(), fullRow.begin() + 15, shortText[r].begin()));
            QVERIFY(std::equal(fullRow.begin() + 26, fullRow.end(), shortText[r].begin() + 26));
        }
    }

    void headerHasRouterBenchColumns()
    {
        const std::vector<std::string> scores = {
            "WizardLM/WizardLM-13B-V1.2", "claude-instant-v1", "claude-v1", "claude-v2", "gpt-3.5-turbo-1106",
            "gpt-4-1106-preview", "meta/code-llama-instruct-34b-chat", "meta/llama-2-70b-chat",
            "mistralai/mistral-7b-chat", "mistralai/mixtral-8x7b-chat", "zero-one-ai/Yi-34B-Chat"};
        const std::vector<std::string> order = {
            "gpt-3.5-turbo-1106", "claude-instant-v1", "claude-v1", "claude-v2", "gpt-4-1106-preview",
            "meta/llama-2-70b-chat", "mistralai/mixtral-8x7b-chat", "zero-one-ai/Yi-34B-Chat",
            "WizardLM/WizardLM-13B-V1.2", "meta/code-llama-instruct-34b-chat", "mistralai/mistral-7b-chat"};
        std::vector<std::string> expected = {"", "sample_id", "prompt", "eval_name"};
        expected.insert(expected.end(), scores.begin(), scores.end());
        for (const auto& m : order)
            expected.push_back(m + "|model_response");
        for (const auto& m : order)
            expected.push_back(m + "|total_cost");
        expected.push_back("oracle_model_to_route_to");
        QCOMPARE(table_[0], expected);
        QCOMPARE(table_.size(), std::size_t(601));
        for (const auto& row : table_)
            QCOMPARE(row.size(), expected.size());

        const Table none = readCsv(generate(11, 5, Responses::None));
        QCOMPARE(none[0].size(), expected.size() - 11);
        QVERIFY(std::none_of(none[0].begin(), none[0].end(),
                             [](const std::string& c) { return c.find("|model_response") != std::string::npos; }));
    }

    void cellsFollowRouterBenchConventions()
    {
        std::set<std::string> ids;
        for (std::size_t r = 1; r < table_.size(); ++r) {
            const auto& row = table_[r];
            QCOMPARE(row[0], std::to_string(r - 1));
            QVERIFY(ids.insert(row[1]).second);
            QVERIFY(row[1].rfind(row[3] + ".synthetic.", 0) == 0);
            for (std::size_t c = 2; c < 26; c = c == 2 ? 15 : c + 1) { // the prompt and the responses
                const std::string& cell = row[c];
                QVERIFY2((cell.rfind("['", 0) == 0 && cell.substr(cell.size() - 2) == "']") ||
                             (cell.rfind("[\"", 0) == 0 && cell.substr(cell.size() - 2) == "\"]"),
                         cell.c_str());
                QVERIFY(cell.find('\n') == std::string::npos); // newlines are escaped inside the repr
            }
            for (std::size_t c = 4; c < 15; ++c)
                QVERIFY(row[c] == "0.0" || row[c] == "1.0");
        }
    }

    void costsArePositiveAndFollowPrices()
    {
        const auto& models = routerBenchModels();
        std::map<std::string, double> meanCost;
        for (const auto& m : models) {
            const auto& costs = bench_.cost.at(m.name);
            QVERIFY(std::all_of(costs.begin(), costs.end(), [](double c) { return c > 0; }));
            double sum = 0;
            for (const double c : costs)
                sum += c;
            meanCost[m.name] = sum / costs.size();
        }
        int comparisons = 0;
        for (const auto& a : models)
            for (const auto& b : models)
                if (a.inputPrice >= b.inputPrice && a.outputPrice >= b.outputPrice &&
                    (a.inputPrice > b.inputPrice || a.outputPrice > b.outputPrice)) {
                    QVERIFY2(meanCost[a.name] > meanCost[b.name], (a.name + " vs " + b.name).c_str());
                    ++comparisons;
                }
        QVERIFY(comparisons > 30);
    }

    void oracleIsCheapestTopScorer()
    {
        for (std::size_t q = 0; q < bench_.size(); ++q) {
            double top = 0;
            for (const auto& m : bench_.models)
                top = std::max(top, bench_.score.at(m)[q]);
            std::string cheapest;
            for (const auto& m : bench_.models)
                if (bench_.score.at(m)[q] == top &&
                    (cheapest.empty() || bench_.cost.at(m)[q] < bench_.cost.at(cheapest)[q]))
                    cheapest = m;
            QCOMPARE(bench_.oracles[q], cheapest);
        }
    }

    void mostQueriesTieAtTheTop()
    {
        int ties = 0, gpt4Correct = 0, gpt4Tied = 0, gpt4Needed = 0;
        for (std::size_t q = 0; q < bench_.size(); ++q) {
            const int correct = bench_.correctCount(q);
            ties += correct >= 2 || correct == 0;
            if (bench_.score.at(kGpt4)[q] == 1.0) {
                ++gpt4Correct;
                gpt4Tied += correct >= 2;
            }
            gpt4Needed += bench_.oracles[q] == kGpt4;
        }
        const double tieRate = double(ties) / bench_.size();
        QVERIFY2(tieRate >= 0.80 && tieRate <= 0.95, std::to_string(tieRate).c_str());
        // gpt-4 is rarely the only right answer: a cheaper model ties it on most of its wins.
        QVERIFY(double(gpt4Tied) / gpt4Correct > 0.85);
        QVERIFY(double(gpt4Needed) / bench_.size() < 0.2);
    }

    void gpt4IsTheBestSingleModel()
    {
        // By a clear margin, though not the old 0.1 over every model: the real sets' best model
        // stands only 0.10-0.13 above the median one (sample_data/README.md).
        const double gpt4 = bench_.meanScore(kGpt4);
        for (const auto& m : bench_.models)
            if (m != kGpt4)
                QVERIFY2(bench_.meanScore(m) < gpt4 - 0.05, m.c_str());
    }

    void cheapSpecialistsWinTheirHomeTask()
    {
        const std::string codeLlama = "meta/code-llama-instruct-34b-chat";
        // On code, code-llama beats gpt-3.5 and is the oracle's pick on a good share of queries.
        QVERIFY(bench_.meanScore(codeLlama, "python-coding") > bench_.meanScore("gpt-3.5-turbo-1106", "python-coding"));
        QVERIFY(bench_.meanScore(codeLlama, "python-coding") > bench_.meanScore(codeLlama) + 0.1);
        int coding = 0, picked = 0;
        for (std::size_t q = 0; q < bench_.size(); ++q)
            if (bench_.tasks[q] == "python-coding") {
                ++coding;
                picked += bench_.oracles[q] == codeLlama;
            }
        QVERIFY(coding > 20);
        QVERIFY(double(picked) / coding > 0.1);
        QVERIFY(bench_.meanScore("meta/llama-2-70b-chat", "trivia") >
                bench_.meanScore("gpt-3.5-turbo-1106", "trivia"));
    }

    void eachTaskHasItsOwnVocabulary()
    {
        std::map<std::string, std::map<std::string, int>> promptsWithWord; // task -> word -> prompts
        std::map<std::string, int> promptsOfTask;
        for (std::size_t q = 0; q < bench_.size(); ++q) {
            ++promptsOfTask[bench_.tasks[q]];
            const auto words = lowercaseWords(bench_.prompts[q]);
            for (const auto& w : std::set<std::string>(words.begin(), words.end()))
                ++promptsWithWord[bench_.tasks[q]][w];
        }
        QCOMPARE(promptsOfTask.size(), std::size_t(8));
        for (const auto& [task, words] : promptsWithWord) {
            // A marker: a word in at least half of this task's prompts and in no other task's.
            bool marker = false;
            for (const auto& [word, count] : words) {
                if (2 * count < promptsOfTask[task])
                    continue;
                bool elsewhere = false;
                for (const auto& [other, otherWords] : promptsWithWord)
                    elsewhere = elsewhere || (other != task && otherWords.count(word));
                marker = marker || !elsewhere;
            }
            QVERIFY2(marker, task.c_str());
        }
    }

    void aTopicsWordsSayWhichModelIsTheOraclesPick()
    {
        // Models' skills differ by topic, and a topic shows in its words: two queries of one task
        // and topic share the oracle's pick more often than two of one task and different topics.
        std::vector<int> topics;
        for (std::size_t q = 0; q < bench_.size(); ++q)
            topics.push_back(topicOf(bench_.prompts[q], bench_.tasks[q]));
        // A few short prompts hold only hard words, which belong to no topic.
        QVERIFY(std::count(topics.begin(), topics.end(), -1) < std::ptrdiff_t(bench_.size() / 20));
        double samePairs = 0, sameAgree = 0, otherPairs = 0, otherAgree = 0;
        for (std::size_t i = 0; i < bench_.size(); ++i)
            for (std::size_t j = i + 1; j < bench_.size(); ++j) {
                if (bench_.tasks[i] != bench_.tasks[j] || topics[i] < 0 || topics[j] < 0)
                    continue;
                const bool agree = bench_.oracles[i] == bench_.oracles[j];
                if (topics[i] == topics[j]) {
                    ++samePairs;
                    sameAgree += agree;
                } else {
                    ++otherPairs;
                    otherAgree += agree;
                }
            }
        const double same = sameAgree / samePairs, other = otherAgree / otherPairs;
        qDebug("oracle's pick shared: same topic %.3f, other topics %.3f", same, other);
        QVERIFY2(same > other + 0.05, (std::to_string(same) + " vs " + std::to_string(other)).c_str());
    }

    void harderQueriesReadLongerAndAreSolvedLess()
    {
        // Within each task, the longer half of the prompts is solved by fewer models on average.
        std::map<std::string, std::vector<std::pair<std::size_t, int>>> byTask;
        for (std::size_t q = 0; q < bench_.size(); ++q)
            byTask[bench_.tasks[q]].push_back({bench_.prompts[q].size(), bench_.correctCount(q)});
        for (auto& [task, items] : byTask) {
            std::sort(items.begin(), items.end());
            const std::size_t half = items.size() / 2;
            double shortSolved = 0, longSolved = 0;
            for (std::size_t i = 0; i < half; ++i) {
                shortSolved += items[i].second;
                longSolved += items[items.size() - 1 - i].second;
            }
            QVERIFY2(longSolved < shortSolved, task.c_str());
        }
    }

    void cliWritesTheSameBytes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("generated.csv");
        QProcess cli;
        cli.start(ROUTESCOPE_CLI, {"generate", "--out", path, "--queries", "200", "--seed", "5", "--short-responses"});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        std::ifstream file(path.toStdString(), std::ios::binary);
        const std::string written((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        QCOMPARE(written, generate(5, 200, Responses::Short));

        QProcess bad;
        bad.start(ROUTESCOPE_CLI, {"generate", "--out", path, "--queries", "ten"});
        QVERIFY(bad.waitForFinished(60000));
        QCOMPARE(bad.exitCode(), 2);
    }

    void sampleDataIsTheRecordedGeneration()
    {
        // sample_data/README.md records: generate --queries 3000 --seed 2026 --short-responses
        std::ifstream file(std::string(ROUTESCOPE_SAMPLE_DATA) + "/sample_routerbench.csv", std::ios::binary);
        QVERIFY2(file, "sample_data/sample_routerbench.csv is missing");
        const std::string sample((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        const std::string fresh = generate(2026, 3000, Responses::Short);
        if (sample == fresh)
            return;
        // Builds at other optimisation levels (the sanitizer build) may round a cost's last digit
        // differently (constant folding is exact, libm is not): then the text must match exactly
        // and every number to 1e-9 relative.
        const std::regex number(R"([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)");
        auto skeleton = [&](const std::string& text, std::vector<double>& numbers) {
            for (auto it = std::sregex_iterator(text.begin(), text.end(), number); it != std::sregex_iterator(); ++it)
                numbers.push_back(std::stod(it->str()));
            return std::regex_replace(text, number, "#");
        };
        std::vector<double> a, b;
        QVERIFY2(skeleton(sample, a) == skeleton(fresh, b), "the sample's text differs from a fresh generation");
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY2(std::abs(a[i] - b[i]) <= 1e-9 * std::max(std::abs(a[i]), std::abs(b[i])),
                     qPrintable(QString("number %1: %2 vs %3").arg(i).arg(a[i], 0, 'g', 17).arg(b[i], 0, 'g', 17)));
    }
};

QTEST_GUILESS_MAIN(TestSyntheticBenchmark)
#include "test_synthetic_benchmark.moc"
