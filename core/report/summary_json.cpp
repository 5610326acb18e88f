#include "report/summary_json.h"

namespace routescope {

namespace {

void writeInterval(JsonWriter& json, const std::optional<ConfidenceInterval>& interval)
{
    if (!interval) {
        json.null();
        return;
    }
    json.beginArray().value(interval->lo).value(interval->hi).endArray();
}

// {"0.9": [lo, hi], "0.95": [lo, hi]}
void writeIntervalsAt(JsonWriter& json, const std::optional<ConfidenceInterval>& at90,
                      const std::optional<ConfidenceInterval>& at95)
{
    json.beginObject();
    json.key("0.9");
    writeInterval(json, at90);
    json.key("0.95");
    writeInterval(json, at95);
    json.endObject();
}

void writeRow(JsonWriter& json, const SummaryRow& row, const std::vector<std::string>& models)
{
    json.beginObject();
    json.key("name").value(row.name);
    json.key("kind").value(std::string(rowKindName(row.kind)));
    json.key("peak").value(row.peak.seeds.mean);
    json.key("qnc").value(row.qnc.seeds.mean);
    json.key("qnc_at").beginObject();
    json.key("0.9").value(row.qnc90.seeds.mean);
    json.key("0.95").value(row.qnc95.seeds.mean);
    json.endObject();
    json.key("auc").value(row.auc.seeds.mean);
    json.key("aiq").value(row.aiq.seeds.mean);
    json.key("rci").value(row.rci.seeds.mean);
    json.key("feasible_rci").value(row.feasibleRci.seeds.mean);
    json.key("rci_at").beginObject().key("0.95").value(row.rciAt95.mean).endObject();
    json.key("top_model_share").value(row.topShare.mean);
    json.key("model_shares").beginObject();
    for (std::size_t m = 0; m < row.modelShares.size() && m < models.size(); ++m)
        json.key(models[m]).value(row.modelShares[m]);
    json.endObject();
    json.key("top_model_share_at").beginObject().key("0.95").value(row.topShareAt95.mean).endObject();
    json.key("train_seconds").value(row.trainSeconds.mean);
    json.key("ci95").beginObject();
    json.key("auc");
    writeInterval(json, row.auc.ci95);
    json.key("peak");
    writeInterval(json, row.peak.ci95);
    json.key("qnc_at");
    writeIntervalsAt(json, row.qnc90.ci95, row.qnc95.ci95);
    json.key("rci");
    writeInterval(json, row.rci.ci95);
    json.endObject();
    // Spread over seeds of every metric that applies to the row.
    std::vector<MetricSummary> spread;
    for (const MetricSummary* s : {&row.auc.seeds, &row.aiq.seeds, &row.peak.seeds, &row.qnc.seeds, &row.qnc95.seeds,
                                   &row.qnc90.seeds, &row.rci.seeds, &row.feasibleRci.seeds, &row.smallMarginRate,
                                   &row.topShare, &row.rciAt95, &row.topShareAt95})
        if (s->seeds > 0)
            spread.push_back(*s);
    json.key("seeds");
    writeJson(json, spread);
    json.key("frontier").beginArray();
    for (std::size_t b = 0; b < row.frontier.size(); ++b) {
        json.beginObject().key("cost").value(row.frontier[b].cost).key("quality").value(row.frontier[b].quality);
        json.key("calls").value(b < row.callsPerQuery.size() ? row.callsPerQuery[b] : 1.0).endObject();
    }
    json.endArray();
    json.endObject();
}

void writeDifference(JsonWriter& json, const Versus& v)
{
    json.beginObject();
    json.key("router").value(v.router);
    json.key("reference").value(v.reference);
    json.key("auc_diff").value(v.auc.estimate);
    json.key("auc_diff_ci95");
    writeInterval(json, v.auc.ci95);
    json.key("auc_p").value(v.auc.p);
    json.key("saving_at").beginObject();
    json.key("0.9").value(v.saving90.estimate);
    json.key("0.95").value(v.saving95.estimate);
    json.endObject();
    json.key("saving_ci95");
    writeIntervalsAt(json, v.saving90.ci95, v.saving95.ci95);
    json.key("saving_p").beginObject();
    json.key("0.9").value(v.saving90.p);
    json.key("0.95").value(v.saving95.p);
    json.endObject();
    json.endObject();
}

} // namespace

void writeJson(JsonWriter& json, const ComparisonSummary& summary, const std::function<void(JsonWriter&)>& moreKeys)
{
    json.beginObject();
    json.key("policy").value(std::string(budgetPolicyName(summary.policy)));
    json.key("models").beginArray();
    for (const auto& m : summary.modelNames)
        json.value(m);
    json.endArray();
    json.key("seeds").beginArray();
    for (const auto s : summary.seeds)
        json.value(static_cast<long long>(s));
    json.endArray();
    json.key("best_single").beginObject();
    json.key("model").value(summary.modelNames[std::size_t(summary.bestModel)]);
    json.key("quality").value(summary.bestSingle.quality);
    json.key("cost").value(summary.bestSingle.cost);
    json.endObject();
    json.key("most_expensive_model").value(summary.modelNames[std::size_t(summary.mostExpensiveModel)]);
    json.key("top_tie_rate").value(summary.topTieRate);
    json.key("cost_interval").beginArray().value(summary.costInterval.lo).value(summary.costInterval.hi).endArray();
    json.key("cost_intervals").beginArray();
    for (const auto& interval : summary.seedCostIntervals)
        json.beginArray().value(interval.lo).value(interval.hi).endArray();
    json.endArray();
    json.key("bootstrap").beginObject();
    json.key("resamples").value(summary.bootstrap.resamples);
    json.key("seed").value(static_cast<long long>(summary.bootstrap.seed));
    json.key("shared_test_set").value(summary.sharedTestSet);
    json.endObject();
    json.key("reference").value(summary.reference);
    if (const SummaryRow* oracle = summary.row("oracle")) {
        json.key("oracle");
        writeRow(json, *oracle, summary.modelNames);
    }
    json.key("routers").beginArray();
    for (const auto& row : summary.rows)
        writeRow(json, row, summary.modelNames);
    json.endArray();
    json.key("versus").beginArray();
    for (const auto& v : summary.versus)
        writeDifference(json, v);
    json.endArray();
    if (moreKeys)
        moreKeys(json);
    json.endObject();
}

} // namespace routescope
