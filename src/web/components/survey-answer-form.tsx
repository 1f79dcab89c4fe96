// The answer sheet of a questionnaire, the same on the veteran's phone (by token) and in the staff
// member's 电话回访 dialog: single choice as radio buttons, multiple as checkboxes, a rating as five
// large buttons (1 非常不满意 … 5 非常满意), text as a text area. Required questions are checked here
// before sending; the server checks again and its Chinese message is shown.
import { useState } from 'react';
import { Button, Checkbox, Input, Radio, Space, Typography } from 'antd';
import { ratingLabels, type Answer, type Question } from '../../shared/schemas/surveys';

type Value = Answer['value'];

export function SurveyAnswerForm({ questions, submitting, submitLabel = '提交', onSubmit }: { questions: Question[]; submitting: boolean; submitLabel?: string; onSubmit: (answers: Answer[]) => void }) {
  const [values, setValues] = useState<Record<string, Value>>({});
  const [missing, setMissing] = useState<string | null>(null);
  const set = (id: string, v: Value) => {
    setValues((x) => ({ ...x, [id]: v }));
    if (missing === id) setMissing(null);
  };
  function submit() {
    const gap = questions.find((q) => q.required && (values[q.id] === undefined || values[q.id] === '' || (Array.isArray(values[q.id]) && (values[q.id] as number[]).length === 0)));
    if (gap) {
      setMissing(gap.id);
      document.getElementById(`sq-${gap.id}`)?.scrollIntoView({ block: 'center' });
      return;
    }
    onSubmit(questions.filter((q) => values[q.id] !== undefined).map((q) => ({ questionId: q.id, value: values[q.id] })));
  }
  return (
    <div className="survey-form">
      {questions.map((q, i) => (
        <div key={q.id} id={`sq-${q.id}`} className={`survey-question${missing === q.id ? ' survey-missing' : ''}`} data-testid="survey-question">
          <div className="survey-question-text">
            {i + 1}. {q.text}
            {q.required && <span className="survey-required"> *</span>}
          </div>
          {q.kind === 'rating' && (
            <div className="survey-rating" role="radiogroup" aria-label={q.text}>
              {ratingLabels.map((label, k) => (
                <button type="button" key={label} role="radio" aria-checked={values[q.id] === k + 1} className={values[q.id] === k + 1 ? 'on' : ''} onClick={() => set(q.id, k + 1)}>
                  <span className="survey-rating-n">{k + 1}</span>
                  <span className="survey-rating-label">{label}</span>
                </button>
              ))}
            </div>
          )}
          {q.kind === 'single' && (
            <Radio.Group value={values[q.id]} onChange={(e) => set(q.id, e.target.value as number)}>
              <Space direction="vertical">
                {q.options.map((o, k) => (
                  <Radio key={k} value={k}>
                    {o}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          )}
          {q.kind === 'multiple' && (
            <Checkbox.Group value={(values[q.id] as number[] | undefined) ?? []} onChange={(v) => set(q.id, v as number[])}>
              <Space direction="vertical">
                {q.options.map((o, k) => (
                  <Checkbox key={k} value={k}>
                    {o}
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          )}
          {q.kind === 'text' && <Input.TextArea aria-label={q.text} maxLength={500} autoSize={{ minRows: 2, maxRows: 6 }} value={(values[q.id] as string | undefined) ?? ''} onChange={(e) => set(q.id, e.target.value)} />}
          {missing === q.id && <Typography.Text type="danger">本题为必答题，请作答</Typography.Text>}
        </div>
      ))}
      <Button type="primary" size="large" block loading={submitting} onClick={submit}>
        {submitLabel}
      </Button>
    </div>
  );
}
