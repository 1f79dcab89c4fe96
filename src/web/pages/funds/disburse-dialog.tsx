// 单笔发放 of one payable (Part 6 三(四)): bank transfer by default; cash only with a stated reason
// and the payee's signed receipt uploaded (a photo is downscaled in the browser, a PDF goes as it
// is); goods with their items, quantities and unit values adding up to the approved amount. The
// server checks every rule again (Chinese 4xx); this form only asks for what it needs.
import { useRef, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { payMethodLabels, yuan, type PayableDto, type PayMethod } from '../../../shared/schemas/funds';
import { isApiError } from '../../api/client';
import { useDisburse, useFunds, type DisburseInput } from '../../api/funds';
import { encodeForUpload, FileEncodeError, formatBytes, type EncodedFile } from '../../components/file-encode';
import { toFen } from './fund-pages';

type GoodsRow = { item: string; quantity: number; value: string };
type Values = { fundId: string; method: PayMethod; cashReason?: string; goods?: GoodsRow[]; note?: string };

const errorText = (e: unknown) => (isApiError(e) ? e.message : '操作失败，请稍后重试');

/** The methods a payable can be paid by: goods aid only as goods; money aid by bank (with an account) or cash. */
function methodsFor(p: PayableDto): PayMethod[] {
  return p.form === 'goods' ? ['goods'] : p.accountMasked ? ['bank', 'cash'] : ['cash'];
}

export function DisburseButton({ payable, defaultFundId }: { payable: PayableDto; defaultFundId?: string }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [receipt, setReceipt] = useState<EncodedFile | null>(null);
  const [receiptError, setReceiptError] = useState<string | null>(null);
  const [encoding, setEncoding] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [form] = Form.useForm<Values>();
  const funds = useFunds();
  const disburse = useDisburse();
  const method = Form.useWatch('method', form);
  const goods = Form.useWatch('goods', form);
  const methods = methodsFor(payable);
  const goodsTotal = (goods ?? []).reduce((s, g) => s + (g && Number.isInteger(g.quantity) ? toFen(g.value) * g.quantity : NaN), 0);

  async function onFile(file: File | undefined) {
    if (!file) return;
    setEncoding(true);
    try {
      setReceipt(await encodeForUpload(file));
      setReceiptError(null);
    } catch (e) {
      setReceiptError(e instanceof FileEncodeError ? e.message : '无法读取文件');
    } finally {
      setEncoding(false);
      if (input.current) input.current.value = '';
    }
  }

  async function submit() {
    const v = await form.validateFields();
    const body: DisburseInput = { fundId: v.fundId, method: v.method, note: v.note ?? '' };
    if (v.method === 'cash') {
      if (!receipt) {
        setReceiptError('现金发放须上传领款人签字的签收单');
        return;
      }
      body.cashReason = v.cashReason ?? '';
      body.receipt = { name: receipt.name.slice(0, 120), mime: receipt.mime, dataBase64: receipt.dataBase64 };
    }
    if (v.method === 'goods') body.goods = (v.goods ?? []).map((g) => ({ item: g.item, quantity: g.quantity, valueFen: toFen(g.value) }));
    // mutateAsync, not mutate's callbacks: the paid payable leaves the list when the hook's invalidation
    // refetches it, which unmounts this dialog's row, and TanStack Query skips a call's callbacks after unmount
    try {
      const r = await disburse.mutateAsync({ id: payable.id, body });
      void message.success(r.warning ? `已发放（${r.warning}）` : `已发放：${payable.recipientName}`);
      setOpen(false);
    } catch (e) {
      void message.error(errorText(e));
    }
  }

  return (
    <>
      <Button size="small" onClick={() => (setReceipt(null), setReceiptError(null), setOpen(true))}>
        单笔发放
      </Button>
      <Modal
        open={open}
        title={`单笔发放：${payable.recipientName} ${yuan(payable.amountFen)} 元`}
        okText="发放"
        cancelText="取消"
        confirmLoading={disburse.isPending}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            fundId: defaultFundId,
            method: methods[0],
            goods: payable.goods.length ? payable.goods.map((g) => ({ item: g.item, quantity: g.quantity, value: yuan(g.valueFen) })) : [{ item: '', quantity: 1, value: '' }],
          }}
        >
          <Form.Item name="fundId" label="发放资金" rules={[{ required: true, message: '请选择发放资金' }]}>
            <Select aria-label="单笔发放资金" placeholder="选择发放资金" options={(funds.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.name}（余额 ${yuan(f.balanceFen)} 元）` }))} />
          </Form.Item>
          <Form.Item name="method" label="发放方式">
            <Radio.Group aria-label="发放方式" options={methods.map((m) => ({ value: m, label: payMethodLabels[m] }))} />
          </Form.Item>
          {method === 'bank' && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`转入收款账号 ${payable.accountMasked ?? ''}`} />}
          {method === 'cash' && (
            <>
              {!payable.accountMasked && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="该服务对象未登记银行账号，只能现金发放" />}
              <Form.Item name="cashReason" label="现金发放原因" rules={[{ required: true, whitespace: true, message: '现金发放须说明原因（默认银行转账）' }]}>
                <Input.TextArea rows={2} maxLength={200} showCount placeholder="如：本人无银行账户，由村委会当面发放" />
              </Form.Item>
              <Form.Item label="签收单（领款人签字）" required validateStatus={receiptError ? 'error' : undefined} help={receiptError ?? '签字签收单的照片或 PDF，不超过 3 MB'}>
                <Space wrap>
                  <Button icon={<UploadOutlined />} loading={encoding} onClick={() => input.current?.click()}>
                    上传签收单
                  </Button>
                  {receipt && (
                    <Typography.Text data-testid="receipt-name">
                      {receipt.name}（{formatBytes(receipt.size)}）
                    </Typography.Text>
                  )}
                </Space>
                <input ref={input} type="file" accept="image/*,application/pdf" style={{ display: 'none' }} data-testid="receipt-input" onChange={(e) => void onFile(e.target.files?.[0])} />
              </Form.Item>
            </>
          )}
          {method === 'goods' && (
            <Form.Item label="物品（数量 × 单价合计须等于核定金额）">
              <Form.List name="goods">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" wrap>
                        <Form.Item name={[f.name, 'item']} rules={[{ required: true, whitespace: true, message: '请填写物品名称' }]}>
                          <Input aria-label="物品名称" placeholder="物品" maxLength={40} style={{ width: 140 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'quantity']} rules={[{ required: true, message: '请填写数量' }]}>
                          <InputNumber aria-label="数量" min={1} max={100000} precision={0} placeholder="数量" style={{ width: 90 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'value']} rules={[{ required: true, message: '请填写单价' }, { validator: (_, v) => (toFen(v as string) > 0 ? Promise.resolve() : Promise.reject(new Error('单价须大于 0，最多两位小数'))) }]}>
                          <InputNumber<string> aria-label="单价（元）" stringMode min="0.01" step="0.01" placeholder="单价（元）" style={{ width: 120 }} />
                        </Form.Item>
                        {fields.length > 1 && <MinusCircleOutlined aria-label="删除物品" onClick={() => remove(f.name)} />}
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ item: '', quantity: 1, value: '' })} disabled={fields.length >= 50}>
                      添加物品
                    </Button>
                    <div className={goodsTotal === payable.amountFen ? 'muted' : 'funds-mismatch'} style={{ marginTop: 8 }} data-testid="goods-total">
                      合计 {Number.isFinite(goodsTotal) ? yuan(goodsTotal) : '—'} 元 / 核定 {yuan(payable.amountFen)} 元
                    </div>
                  </>
                )}
              </Form.List>
            </Form.Item>
          )}
          <Form.Item name="note" label="摘要">
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
