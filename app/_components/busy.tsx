import { LoadingOutlined } from '@ant-design/icons';

/**
 * `loading` prop for antd buttons. The spinner is hidden from assistive technology: antd
 * leaves it in the DOM (invisible) when a quick pending→idle flip interrupts its motion,
 * and a visible-to-AT "loading" icon would stay in the button's accessible name.
 */
export function busy(pending: boolean) {
  return pending ? { icon: <LoadingOutlined aria-hidden /> } : false;
}
