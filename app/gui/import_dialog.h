#pragma once
// Asks what a dataset file lacks before it is imported: a scores JSON file (LLMRouter's) has
// scores but no costs, so it needs a price table (a JSON file of each model's input and output
// price per million tokens) and the answer length in tokens where a record has no response.
// Remembers the last answers.

#include "import/importer.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace routescope {

class ScoresImportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ScoresImportDialog(const QString& file, QWidget* parent = nullptr);

    // The options for the file: the price table and the answer length chosen here.
    ImportOptions options() const;
    void setPriceTable(const QString& path);
    void accept() override;

private:
    void choosePriceTable();
    void checkPriceTable();

    QLineEdit* prices_ = nullptr;
    QSpinBox* answerTokens_ = nullptr;
    QLabel* problem_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
};

} // namespace routescope
