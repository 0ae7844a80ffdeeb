'use client';

import { PlusOutlined } from '@ant-design/icons';
import { Button, Modal, Table, type TableColumnsType } from 'antd';
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { PageHead } from './page-head';

/**
 * A page that lists records and creates new ones: the page head with a "create" button,
 * the list (`children`, usually a ListTable) and the create form in a dialog.
 */
export function ListPage({
  title,
  hint,
  createLabel,
  createTitle,
  createForm,
  children,
}: {
  title: string;
  hint: string;
  /** The button that opens the dialog. */
  createLabel: string;
  /** The dialog's title (and its accessible name). */
  createTitle: string;
  /** The form in the dialog; it calls `close` once it has created the record, or on cancel. */
  createForm: (close: () => void) => ReactNode;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);

  return (
    <>
      <PageHead
        title={title}
        hint={hint}
        action={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)}>
            {createLabel}
          </Button>
        }
      />
      {children}
      {/* destroyOnHidden: every opening starts from an empty form. */}
      <Modal open={open} title={createTitle} footer={null} onCancel={close} destroyOnHidden width={560}>
        {createForm(close)}
      </Modal>
    </>
  );
}

/** The table of a ListPage: 20 rows a page with the total, scrolling sideways on narrow screens. */
export function ListTable<Row extends { id: string }>({
  columns,
  rows,
  loading,
  emptyText,
}: {
  columns: TableColumnsType<Row>;
  rows: Row[];
  loading?: boolean;
  emptyText: string;
}) {
  const tc = useTranslations('common');
  return (
    <div className="bl-table-wrap">
      <Table<Row>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => tc('total', { count }) }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText }}
        size="middle"
      />
    </div>
  );
}
